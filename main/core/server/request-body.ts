import type { IncomingMessage } from 'node:http';
import { parseJsonText } from '../json-text.ts';
import { HttpError } from './http-answers.ts';

/** The largest request body any route accepts (settings are the largest). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The request's media type, lower case without parameters ("application/json"), or null. */
export function mediaType(req: IncomingMessage): string | null {
  const header = req.headers['content-type'];
  if (!header) return null;
  return header.split(';', 1)[0]?.trim().toLowerCase() || null;
}

/** Whether the request carries a body at all. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reads the whole body, refusing (413) more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const tooLarge = () =>
    new HttpError(413, `the request body is larger than ${limit} bytes`, { Connection: 'close' });
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads a JSON body: refuses other content types (415) and malformed JSON (400). */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  requireMediaType(req, ['application/json']);
  const reading = parseJsonText((await readBody(req, limit)).toString('utf8'));
  if (!reading.ok) throw new HttpError(400, `the body is not valid JSON: ${reading.error}`);
  return reading.value;
}

/** Refuses (415) a body whose Content-Type is not one of `accepted`. */
export function requireMediaType(req: IncomingMessage, accepted: readonly string[]): string {
  const type = mediaType(req);
  if (type && accepted.includes(type)) return type;
  throw new HttpError(415, `send the body with Content-Type: ${accepted.join(' or ')}`);
}
