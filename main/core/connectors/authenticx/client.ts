import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { AuthError, ConfigurationError, RejectedError, TransientError } from '../errors.ts';
import { networkFailure } from '../http/classify.ts';
import { HttpClient, type HttpRequest, type HttpResponse } from '../http/http-client.ts';
import { TokenCache, type CachedToken, type IssuedToken } from '../http/token-cache.ts';
import { tokenResponseSchema, uploadResponseSchema } from './api-types.ts';
import { authenticxFailure, isDuplicateName, LABEL, tokenFailure } from './failures.ts';
import { uploadRefusal } from './file-checks.ts';
import { mediaMetadata } from './metadata-document.ts';
import { tokenRequest, uploadRequest } from './requests.ts';
import { authenticxSettings, type AuthenticxSettings } from './settings.ts';

/** Token lifetime when Authenticx does not say (it documents 3600 s). */
const DEFAULT_TOKEN_SECONDS = 3600;
/** Renew a token this long before it expires. */
const RENEW_EARLY_MS = 60_000;

/** One Authenticx profile, ready to deliver: gets a client-credentials token on demand and keeps it. */
export class AuthenticxClient implements ConnectorSession {
  readonly #context: ConnectorContext;
  readonly #tokens = new TokenCache(() => this.#requestToken(), { renewEarlyMs: RENEW_EARLY_MS });
  #api: HttpClient | undefined;
  #tokenHost: HttpClient | undefined;

  constructor(context: ConnectorContext) {
    this.#context = context;
  }

  /** Checks the options and gets a new token, saying so in plain words. */
  async testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    try {
      const { clientId } = this.#settings();
      this.#tokens.invalidate();
      await this.#token(signal, 'the sign-in');
      return {
        ok: true,
        message: `Signed in to ${LABEL} at ${this.#client().baseUrl.host} as client ${clientId}`,
      };
    } catch (error) {
      if (isClassified(error)) return { ok: false, message: error.message };
      throw error;
    }
  }

  /**
   * Streams the recording with its metadata document; answers the conversation id. A file
   * over 2.5 GB or of another type is refused before anything is sent.
   */
  async upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    const refusal = uploadRefusal(job);
    if (refusal !== null) throw refusal;
    const metadata = mediaMetadata(job.fileName, job.metadata, this.#settings());
    const throttle = this.#context.throttle;
    const request = uploadRequest(job, metadata, signal, {
      onProgress,
      ...(throttle ? { throttle } : {}),
    });
    const response = await this.#sendWithToken(request);
    const words = { label: LABEL, subject: request.subject ?? 'the recording' };
    if (response.status >= 200 && response.status < 300) {
      // The answer is not documented: a success without an id still delivered the file,
      // which Authenticx then knows by its name.
      const answer = uploadResponseSchema.safeParse(safeJson(response.text));
      return { remoteId: (answer.success ? answer.data.id : undefined) ?? job.fileName };
    }
    if (isDuplicateName(response)) {
      // After an earlier attempt, the recording is there already: that attempt delivered it.
      if (job.attempt > 1) return { remoteId: job.fileName };
      throw new RejectedError(
        `${LABEL} already has a recording named ${job.fileName}; rename this one to send it too`,
      );
    }
    throw authenticxFailure(response, words);
  }

  /** Releases the connections; closing twice is harmless. */
  async close(): Promise<void> {
    const open = [this.#api, this.#tokenHost];
    this.#api = undefined;
    this.#tokenHost = undefined;
    await Promise.all(open.map((http) => http?.close()));
  }

  /** Sends with the bearer token; a cached token refused with 401 is renewed and the request repeated once. */
  async #sendWithToken(request: HttpRequest): Promise<HttpResponse> {
    const http = this.#client();
    for (let attempt = 1; ; attempt += 1) {
      const { token, fresh } = await this.#token(request.signal, request.subject);
      const response = await http.request({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${token}` },
      });
      if (response.status === 401 && !fresh && attempt === 1) {
        this.#tokens.invalidate(token);
        continue;
      }
      return response;
    }
  }

  async #token(signal: AbortSignal | undefined, subject = 'the request'): Promise<CachedToken> {
    try {
      return await this.#tokens.get(signal);
    } catch (error) {
      if (signal?.aborted) {
        throw networkFailure(error, { label: LABEL, subject, bodySent: false, signal });
      }
      throw error;
    }
  }

  async #requestToken(): Promise<IssuedToken> {
    const { clientId } = this.#settings();
    const { profile } = this.#context;
    const secret = await this.#context.secret('clientSecret');
    if (secret === null || secret === '') {
      throw new ConfigurationError(
        `no client secret stored for profile ${profile.id}: run \`call-courier secret set ${profile.id} clientSecret\``,
      );
    }
    const response = await this.#tokenClient().request(tokenRequest(clientId, secret));
    if (response.status < 200 || response.status >= 300) throw tokenFailure(response);
    const answer = tokenResponseSchema.safeParse(safeJson(response.text));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered the sign-in without an access token`);
    }
    const seconds = answer.data.expires_in ?? DEFAULT_TOKEN_SECONDS;
    return { token: answer.data.access_token, expiresInMs: seconds * 1000 };
  }

  #settings(): AuthenticxSettings {
    return authenticxSettings(this.#context.profile);
  }

  #client(): HttpClient {
    const { profile } = this.#context;
    this.#api ??= new HttpClient({
      label: LABEL,
      profileId: profile.id,
      baseUrl: String(profile.options.baseUrl ?? 'https://api.beauthenticx.com'),
      allowInsecureHttp: profile.allowInsecureHttp,
    });
    return this.#api;
  }

  /** The token endpoint lives at the root of the API's host, even when the address has a path. */
  #tokenClient(): HttpClient {
    const api = this.#client();
    if (api.baseUrl.pathname === '/') return api;
    const { profile } = this.#context;
    this.#tokenHost ??= new HttpClient({
      label: LABEL,
      profileId: profile.id,
      baseUrl: api.baseUrl.origin,
      allowInsecureHttp: profile.allowInsecureHttp,
    });
    return this.#tokenHost;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isClassified(error: unknown): error is Error {
  return (
    error instanceof TransientError ||
    error instanceof AuthError ||
    error instanceof RejectedError ||
    error instanceof ConfigurationError
  );
}
