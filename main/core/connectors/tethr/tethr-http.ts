import type { ConnectorContext } from '../connector.ts';
import { AuthError, ConfigurationError, TransientError } from '../errors.ts';
import { signInFailure, statusFailure } from '../http/classify.ts';
import {
  bearerToken,
  profileHttpClient,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../http/http-client.ts';
import { jsonOrUndefined } from '../http/json-text.ts';
import { issuedToken, TokenCache, type IssuedToken } from '../http/token-cache.ts';
import { requiredSecret } from '../required-secret.ts';
import { tokenErrorSchema, tokenResponseSchema } from './api-types.ts';
import { tokenRequest } from './requests.ts';

/** The platform's name in messages. */
export const LABEL = 'Tethr';

/** Renew a token this long before Tethr says it expires (its tokens last 1799 s). */
const RENEW_EARLY_MS = 60_000;

/** OAuth 2 error codes with which the token endpoint refuses the API user or secret. */
const REFUSED_GRANT = new Set(['invalid_client', 'invalid_grant', 'unauthorized_client']);

/** How a Tethr connection tells time (tests move it on). */
export interface TethrClock {
  readonly now?: () => number;
}

/**
 * One profile's authenticated line to Tethr: client-credentials tokens renewed before they
 * expire and once more when one is refused, Tethr's error bodies read into plain words.
 */
export class TethrHttp {
  readonly #context: ConnectorContext;
  readonly #tokens: TokenCache;
  #http: HttpClient | undefined;
  /** Whether Tethr has issued this profile a token before: a later refusal then means the secret changed. */
  #signedInBefore = false;

  constructor(context: ConnectorContext, clock: TethrClock = {}) {
    this.#context = context;
    this.#tokens = new TokenCache(() => this.#signIn(), {
      renewEarlyMs: RENEW_EARLY_MS,
      ...(clock.now ? { now: clock.now } : {}),
    });
  }

  /** The checked server address (throws ConfigurationError when it is not allowed). */
  get baseUrl(): URL {
    return this.#client().baseUrl;
  }

  /** The API user of the profile. */
  clientId(): string {
    const { profile } = this.#context;
    const clientId = profile.options.clientId;
    if (typeof clientId !== 'string' || clientId.trim() === '') {
      throw new ConfigurationError(`no Tethr API user (clientId) set for profile ${profile.id}`);
    }
    return clientId.trim();
  }

  /** Signs in afresh, dropping any token held. */
  async signInAgain(signal: AbortSignal): Promise<void> {
    this.#tokens.invalidate();
    await bearerToken(this.#tokens, signal, { label: LABEL, subject: 'the sign-in' });
  }

  /**
   * Sends a request with the bearer token and answers a success (2xx) or a status listed in
   * `accept`; anything else becomes a typed error. A cached token refused (401, 403) is renewed
   * and the request sent once more, before `accept` is looked at.
   */
  async send(req: HttpRequest, accept: readonly number[] = []): Promise<HttpResponse> {
    const response = await this.#client().requestWithToken(req, this.#tokens);
    if ((response.status >= 200 && response.status < 300) || accept.includes(response.status)) {
      return response;
    }
    throw this.failure(response, req);
  }

  /** The typed error of an answer that is not a success, with Tethr's own reason. */
  failure(response: HttpResponse, req: Pick<HttpRequest, 'subject'>): Error {
    return statusFailure(
      { ...response, text: readableReason(response.text) },
      { label: LABEL, subject: req.subject ?? 'the request' },
    );
  }

  /** A successful answer as JSON; one that is not JSON is a transient failure. */
  json(response: HttpResponse, req: Pick<HttpRequest, 'subject'>): unknown {
    return this.#client().json(response, req);
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.#http?.close();
  }

  async #signIn(): Promise<IssuedToken> {
    const http = this.#client();
    const clientId = this.clientId();
    const secret = await requiredSecret(this.#context, 'clientSecret', 'Tethr API secret');
    const request = tokenRequest(clientId, secret);
    const response = await http.request(request);
    if (response.status < 200 || response.status >= 300) throw this.#refusal(response);
    const answer = tokenResponseSchema.safeParse(http.json(response, request));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered the sign-in without an access token`);
    }
    this.#signedInBefore = true;
    return issuedToken(answer.data.access_token, answer.data.expires_in);
  }

  /** Why the token endpoint said no, as the error the queue acts on. */
  #refusal(response: HttpResponse): Error {
    const { profile } = this.#context;
    const oauth = tokenErrorSchema.safeParse(jsonOrUndefined(response.text));
    const code = oauth.success ? oauth.data.error : undefined;
    const refused =
      response.status === 401 ||
      response.status === 403 ||
      (response.status === 400 && code !== undefined && REFUSED_GRANT.has(code));
    if (refused) {
      const store = `\`call-courier secret set ${profile.id} clientSecret\``;
      const why = code === undefined ? `HTTP ${response.status}` : code;
      return new AuthError(
        this.#signedInBefore
          ? `${LABEL} refused the API secret that worked before (${why}): the API secret may have expired (Tethr secrets last 365 days). Ask your Tethr administrator for a new one and store it with ${store}`
          : `${LABEL} refused the API user or secret (${why}). If they worked before, the API secret may have expired (Tethr secrets last 365 days); store a new one with ${store}`,
      );
    }
    const answer = { ...response, text: readableReason(response.text) };
    return signInFailure(answer, { label: LABEL, subject: 'the sign-in' });
  }

  #client(): HttpClient {
    this.#http ??= profileHttpClient(this.#context.profile, LABEL);
    return this.#http;
  }
}

/**
 * Tethr's error bodies (ASP.NET's `{ Message }`, OAuth's `{ error, error_description }`)
 * rewritten as `{ message }`, which the shared classifier reads.
 */
export function readableReason(text: string): string {
  const body = jsonOrUndefined(text);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return text;
  const record = body as Record<string, unknown>;
  const reason = [record.message, record.Message, record.ExceptionMessage, record.error_description]
    .concat(record.error)
    .find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return reason === undefined ? text : JSON.stringify({ message: reason });
}
