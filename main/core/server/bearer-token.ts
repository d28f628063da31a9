import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApiRole, ApiTokens } from './api-roles.ts';
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

/** Query parameters that look like a token: refused, never read (addresses end up in logs and history). */
const QUERY_TOKEN_NAMES = ['token', 'access_token', 'bearer'] as const;

/**
 * The role of the request's token, or a refusal (401, WWW-Authenticate: Bearer) when it has no
 * known token. Only `Authorization: Bearer` counts: a token in the query string is never accepted,
 * for any route (the window reads the event stream with fetch() and the header).
 */
export function checkToken(req: IncomingMessage, url: URL, tokens: ApiTokens): ApiRole {
  const given = bearerToken(req);
  // Both comparisons always run, so timing does not tell which token was close.
  const admin = tokenMatches(given, tokens.admin);
  const monitor = tokens.monitor !== undefined && tokenMatches(given, tokens.monitor);
  if (admin) return 'admin';
  if (monitor) return 'monitor';
  const missing = given === undefined;
  const inAddress = missing && QUERY_TOKEN_NAMES.some((name) => url.searchParams.has(name));
  throw new HttpError(
    401,
    inAddress
      ? 'a token in the address is refused: send it as Authorization: Bearer …'
      : missing
        ? 'an access token is required (Authorization: Bearer …)'
        : 'the access token is wrong',
    {
      'WWW-Authenticate': missing
        ? 'Bearer realm="call-courier"'
        : 'Bearer realm="call-courier", error="invalid_token"',
    },
  );
}
