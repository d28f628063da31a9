import type { IncomingMessage } from 'node:http';
import { mediaType, readSmallBody } from '../shared/http.ts';
import type { Answer } from './answers.ts';
import type { Clients } from './clients.ts';
import type { AuthenticxDice } from './faults.ts';

/** Seconds a token lives, as Authenticx documents. */
export const TOKEN_SECONDS = 3600;

/** The only scope the AcxAPI knows. */
export const SCOPE = 'acxapi';

/**
 * `POST /connect/token`: OAuth2 client credentials, form-encoded, scope acxapi, the
 * client authenticated either in the form (client_id, client_secret) or with HTTP Basic
 * — not both. Refusals are OAuth's `{ error }` with 400, as IdentityServer answers.
 */
export async function token(
  req: IncomingMessage,
  clients: Clients,
  dice: AuthenticxDice,
): Promise<Answer> {
  const text = await readSmallBody(req);
  if (
    text === null ||
    mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded'
  ) {
    return oauthError(
      'invalid_request',
      'the request must be a form (application/x-www-form-urlencoded)',
    );
  }
  const form = new URLSearchParams(text);
  const credentials = clientCredentials(req.headers.authorization, form);
  if ('error' in credentials) return credentials.error;
  const grantType = form.get('grant_type');
  if (grantType !== 'client_credentials') {
    return oauthError(grantType === null ? 'invalid_request' : 'unsupported_grant_type');
  }
  const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
  if (scopes.length === 0 || scopes.some((s) => s !== SCOPE)) return oauthError('invalid_scope');
  const issued = dice.roll('wrongPassword', 'token')
    ? null
    : clients.issue(credentials.id, credentials.secret, Date.now());
  if (issued === null) return oauthError('invalid_client');
  return {
    status: 200,
    json: { access_token: issued, expires_in: TOKEN_SECONDS, token_type: 'Bearer', scope: SCOPE },
    headers: { 'cache-control': 'no-store' },
  };
}

/** The client's id and secret from exactly one of: the form, or HTTP Basic (RFC 6749 §2.3.1). */
function clientCredentials(
  authorization: string | undefined,
  form: URLSearchParams,
): { readonly id: string; readonly secret: string } | { readonly error: Answer } {
  const inForm = form.has('client_id') || form.has('client_secret');
  const basic = /^basic\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (basic !== undefined && inForm) {
    return { error: oauthError('invalid_request', 'more than one client authentication method') };
  }
  if (basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { error: oauthError('invalid_client') };
    try {
      return {
        id: decodeURIComponent(decoded.slice(0, colon).replaceAll('+', ' ')),
        secret: decodeURIComponent(decoded.slice(colon + 1).replaceAll('+', ' ')),
      };
    } catch {
      return { error: oauthError('invalid_client') };
    }
  }
  const id = form.get('client_id');
  const secret = form.get('client_secret');
  if (id === null || id === '' || secret === null) return { error: oauthError('invalid_client') };
  return { id, secret };
}

function oauthError(error: string, description?: string): Answer {
  return {
    status: 400,
    json: description === undefined ? { error } : { error, error_description: description },
    headers: { 'cache-control': 'no-store' },
  };
}
