import { AuthError, ConfigurationError, TransientError } from '../errors.ts';
import { signInFailure } from '../http/classify.ts';
import { clientCredentialsRequest } from '../http/client-credentials.ts';
import type { HttpClient, HttpRequest, HttpResponse } from '../http/http-client.ts';
import { jsonOrUndefined } from '../http/json-text.ts';
import { issuedToken, type IssuedToken } from '../http/token-cache.ts';
import { tokenAnswerSchema, tokenErrorSchema } from './api-types.ts';
import type { AuthSettings } from './upload-settings.ts';

/** The OAuth 2 part of a profile's settings. */
export type OAuth2Settings = Extract<AuthSettings, { mode: 'oauth2-client-credentials' }>;

/** The client-credentials token request: to the token address's path, below `http`'s server. */
export function tokenRequest(
  settings: OAuth2Settings,
  clientSecret: string,
  path: string,
): HttpRequest {
  const { clientId, scope, clientAuthentication: authentication } = settings;
  return clientCredentialsRequest(
    path,
    { clientId, clientSecret, scope, authentication },
    'the token request',
  );
}

/** Asks the token server for an access token; its refusals become AuthError or ConfigurationError. */
export async function fetchAccessToken(
  http: HttpClient,
  settings: OAuth2Settings,
  request: HttpRequest,
  label: string,
): Promise<IssuedToken> {
  const response = await http.request(request);
  if (response.status < 200 || response.status >= 300) throw refusal(response, settings, label);
  const answer = tokenAnswerSchema.safeParse(http.json(response, request));
  if (!answer.success) {
    throw new TransientError(`${label} answered the token request without an access token`);
  }
  const { access_token: token, token_type: type, expires_in: expiresIn } = answer.data;
  if (type !== undefined && type.toLowerCase() !== 'bearer') {
    throw new ConfigurationError(
      `${label} hands out tokens of type "${type}": only Bearer tokens can be sent`,
    );
  }
  return issuedToken(token, expiresIn);
}

function refusal(response: HttpResponse, settings: OAuth2Settings, label: string): Error {
  const parsed = tokenErrorSchema.safeParse(jsonOrUndefined(response.text));
  const code = parsed.success ? parsed.data.error : undefined;
  const why = parsed.success
    ? `${code}${parsed.data.error_description ? `: ${parsed.data.error_description}` : ''}`
    : `HTTP ${response.status}`;
  if (response.status === 401 || code === 'invalid_client') {
    return new AuthError(`${label} refused the client id or secret (${why})`);
  }
  switch (code) {
    case 'invalid_scope':
      return new ConfigurationError(
        `${label} refused the scope ${settings.scope === undefined ? '(none given)' : `"${settings.scope}"`} (${why}): check scope`,
      );
    case 'unauthorized_client':
      return new ConfigurationError(
        `${label} does not let client ${settings.clientId} use client credentials (${why})`,
      );
    case 'unsupported_grant_type':
      return new ConfigurationError(
        `${label} does not hand out tokens for client credentials (${why}): check tokenUrl`,
      );
    case undefined:
      break;
    default:
      return new ConfigurationError(`${label} refused the token request (${why})`);
  }
  return signInFailure(response, { label, subject: 'the token request' });
}
