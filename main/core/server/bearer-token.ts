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

/**
 * The role of the request's token, or a refusal (401, WWW-Authenticate: Bearer) when it has no
 * known token. `queryToken` also accepts `?token=` (only for the event stream: EventSource cannot
 * set headers).
 */
export function checkToken(
  req: IncomingMessage,
  url: URL,
  tokens: ApiTokens,
  queryToken: boolean,
): ApiRole {
  const given =
    bearerToken(req) ?? (queryToken ? url.searchParams.get('token') : null) ?? undefined;
  // Both comparisons always run, so timing does not tell which token was close.
  const admin = tokenMatches(given, tokens.admin);
  const monitor = tokens.monitor !== undefined && tokenMatches(given, tokens.monitor);
  if (admin) return 'admin';
  if (monitor) return 'monitor';
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
