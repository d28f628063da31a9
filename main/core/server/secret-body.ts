import type { IncomingMessage } from 'node:http';
import { parseJsonText } from '../json-text.ts';
import { HttpError } from './http-answers.ts';
import { mediaType, readBody } from './request-body.ts';

/** The largest secret accepted: a password, token or private key. */
export const MAX_SECRET_BYTES = 64 * 1024;

/**
 * The secret in a request body: JSON `{ "value": "…" }`, or the text of a text/plain body
 * (one trailing line break dropped, as `echo` adds it). Error messages never quote the value.
 */
export async function readSecretValue(req: IncomingMessage): Promise<string> {
  const text = (await readBody(req, MAX_SECRET_BYTES)).toString('utf8');
  const value = mediaType(req) === 'text/plain' ? text.replace(/\r?\n$/, '') : jsonValue(text);
  if (value === '') throw new HttpError(400, 'the secret is empty');
  return value;
}

function jsonValue(text: string): string {
  const reading = parseJsonText(text);
  const value: unknown = reading.ok ? (reading.value as { value?: unknown } | null)?.value : null;
  if (typeof value !== 'string') {
    throw new HttpError(400, 'send the secret as JSON {"value": "…"} or as text/plain');
  }
  return value;
}
