import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FaultDice } from '../shared/fault-dice.ts';
import { mediaType, readSmallBody } from '../shared/http.ts';
import type { Endpoint, ReceiverAnswer, ReceiverAuth } from './receiver-options.ts';

type OAuth2 = Extract<ReceiverAuth, { kind: 'oauth2' }>;

/** The tokens an OAuth 2 receiver issued, and when. */
export class IssuedTokens {
  readonly #issued = new Map<string, number>();
  #count = 0;

  /** Tokens issued so far, expired or not. */
  get count(): number {
    return this.#count;
  }

  /** A new token. */
  issue(now: number): string {
    const token = randomBytes(24).toString('base64url');
    this.#issued.set(token, now);
    this.#count += 1;
    return token;
  }

  /** Whether a token was issued and is still alive. */
  isLive(token: string, now: number, lifetimeSeconds: number | undefined): boolean {
    const issuedAt = this.#issued.get(token);
    if (issuedAt === undefined) return false;
    return lifetimeSeconds === undefined || now < issuedAt + lifetimeSeconds * 1000;
  }

  /** Makes every token issued so far stop working. */
  expireAll(): void {
    this.#issued.clear();
  }
}

const oauthError = (status: number, error: string, description: string): ReceiverAnswer => ({
  status,
  body: { error, error_description: description },
  headers: { 'cache-control': 'no-store' },
});

/** Reads `user:password` from a Basic Authorization header, form-decoding each (RFC 6749 §2.3.1). */
function basicPair(header: string | undefined): readonly [string, string] | null {
  const match = /^basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const pair = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = pair.indexOf(':');
  if (colon < 0) return null;
  const decode = (text: string): string => decodeURIComponent(text.replaceAll('+', ' '));
  return [decode(pair.slice(0, colon)), decode(pair.slice(colon + 1))];
}

/** `POST {tokenPath}`: the client-credentials grant, checked as RFC 6749 §4.4 says. */
export async function issueToken(
  req: IncomingMessage,
  auth: OAuth2,
  tokens: IssuedTokens,
  dice: FaultDice<Endpoint>,
): Promise<ReceiverAnswer> {
  const text = await readSmallBody(req);
  if (req.method !== 'POST') return { status: 405, headers: { allow: 'POST' } };
  if (mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded' || !text) {
    return oauthError(400, 'invalid_request', 'The body must be form-encoded');
  }
  const form = new URLSearchParams(text);
  if (form.get('grant_type') !== 'client_credentials') {
    return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported');
  }
  const header = req.headers.authorization;
  const inBody = form.has('client_id') || form.has('client_secret');
  if (header !== undefined && inBody) {
    return oauthError(400, 'invalid_request', 'More than one client authentication method');
  }
  const [id, secret] =
    auth.clientAuthentication === 'basic'
      ? (basicPair(header) ?? [null, null])
      : [form.get('client_id'), form.get('client_secret')];
  const wrong = dice.roll('wrongPassword', 'token') !== undefined;
  if (wrong || id !== auth.clientId || secret !== auth.clientSecret) {
    const answer = oauthError(401, 'invalid_client', 'Client authentication failed');
    return auth.clientAuthentication === 'basic'
      ? { ...answer, headers: { ...answer.headers, 'www-authenticate': 'Basic realm="token"' } }
      : answer;
  }
  const scope = form.get('scope');
  if ((scope ?? undefined) !== auth.scope) {
    return oauthError(400, 'invalid_scope', `The scope "${scope ?? ''}" is not allowed`);
  }
  const token = tokens.issue(Date.now());
  return {
    status: 200,
    headers: { 'cache-control': 'no-store' },
    body: {
      access_token: token,
      token_type: 'Bearer',
      ...(auth.tokenLifetimeSeconds === undefined ? {} : { expires_in: auth.tokenLifetimeSeconds }),
      ...(auth.scope === undefined ? {} : { scope: auth.scope }),
    },
  };
}
