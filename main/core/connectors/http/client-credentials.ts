import type { HttpRequest } from './http-client.ts';

/** How an OAuth 2 client proves itself to the token server (RFC 6749 §2.3.1). */
export type ClientAuthentication = 'basic' | 'post';

/** What a client-credentials token request carries. */
export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly scope?: string | undefined;
  /** In the form body (`post`, the default) or as an HTTP Basic header (`basic`). */
  readonly authentication?: ClientAuthentication;
}

/** Form-encodes a client id or secret before it goes into a Basic header (RFC 6749 §2.3.1). */
const formEncode = (text: string): string =>
  new URLSearchParams({ v: text }).toString().slice('v='.length);

/** The client-credentials token request (RFC 6749 §4.4): a form POST to `path`. */
export function clientCredentialsRequest(
  path: string,
  credentials: ClientCredentials,
  subject: string,
): HttpRequest {
  const { clientId, clientSecret, scope } = credentials;
  const fields: Record<string, string> = { grant_type: 'client_credentials' };
  const headers: Record<string, string> = {};
  if (credentials.authentication === 'basic') {
    const pair = `${formEncode(clientId)}:${formEncode(clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
  } else {
    fields.client_id = clientId;
    fields.client_secret = clientSecret;
  }
  if (scope !== undefined) fields.scope = scope;
  return { method: 'POST', path, headers, body: { kind: 'form', fields }, subject };
}
