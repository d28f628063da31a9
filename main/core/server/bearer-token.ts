import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-answers.ts';

/** Compares a presented token with the expected one in constant time. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  // Equal-length digests: neither the content nor the length of the token leaks through timing.
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token in `Authorization: Bearer <token>`, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Refuses (401, WWW-Authenticate: Bearer) a request without the right token. `queryToken` also
 * accepts `?token=` (only for the event stream: EventSource cannot set headers).
 */
export function checkToken(
  req: IncomingMessage,
  url: URL,
  expected: string,
  queryToken: boolean,
): void {
  const given =
    bearerToken(req) ?? (queryToken ? url.searchParams.get('token') : null) ?? undefined;
  if (tokenMatches(given, expected)) return;
  const missing = given === undefined;
  throw new HttpError(
    401,
    missing ? 'an access token is required (Authorization: Bearer …)' : 'the access token is wrong',
    {
      'WWW-Authenticate': missing
        ? 'Bearer realm="call-courier"'
        : 'Bearer realm="call-courier", error="invalid_token"',
    },
  );
}
