import type { IncomingMessage, ServerResponse } from 'node:http';

/** One FastAPI validation error, as Ender Turing answers 422. */
export interface ValidationItem {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** Answers a JSON document. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers an error the way FastAPI does: `{ detail }`. */
export function sendDetail(
  res: ServerResponse,
  status: number,
  detail: string | readonly ValidationItem[],
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(res, status, { detail }, headers);
}

/** A 422 item for a required field that is missing. */
export function missing(...loc: (string | number)[]): ValidationItem {
  return { type: 'missing', loc, msg: 'Field required' };
}

/** Reads and drops the rest of a request body. */
export async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded) return;
  await new Promise<void>((resolve) => {
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

/** A small request body as text, or null when it is larger than `limit` bytes (the rest is dropped). */
export async function readSmallBody(
  req: IncomingMessage,
  limit = 64 * 1024,
): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size > limit ? null : Buffer.concat(chunks).toString('utf8');
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Waits this long. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
