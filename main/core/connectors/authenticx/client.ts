import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { connectionTestFrom } from '../connection-test.ts';
import { RejectedError, TransientError } from '../errors.ts';
import { bearerToken, profileHttpClient, type HttpClient } from '../http/http-client.ts';
import { jsonOrUndefined } from '../http/json-text.ts';
import { issuedToken, TokenCache, type IssuedToken } from '../http/token-cache.ts';
import { requiredSecret } from '../required-secret.ts';
import { uploadStreaming } from '../upload-streaming.ts';
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
  testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    return connectionTestFrom(async () => {
      const { clientId } = this.#settings();
      this.#tokens.invalidate();
      await bearerToken(this.#tokens, signal, { label: LABEL, subject: 'the sign-in' });
      return {
        ok: true,
        message: `Signed in to ${LABEL} at ${this.#client().baseUrl.host} as client ${clientId}`,
      };
    });
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
    const request = uploadRequest(
      job,
      metadata,
      signal,
      uploadStreaming(this.#context, onProgress),
    );
    // A cached token refused with 401 is renewed and the upload sent once more.
    const response = await this.#client().requestWithToken(request, this.#tokens, [401]);
    const words = { label: LABEL, subject: request.subject ?? 'the recording' };
    if (response.status >= 200 && response.status < 300) {
      // The answer is not documented: a success without an id still delivered the file,
      // which Authenticx then knows by its name.
      const answer = uploadResponseSchema.safeParse(jsonOrUndefined(response.text));
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

  async #requestToken(): Promise<IssuedToken> {
    const { clientId } = this.#settings();
    const secret = await requiredSecret(this.#context, 'clientSecret', 'client secret');
    const response = await this.#tokenClient().request(tokenRequest(clientId, secret));
    if (response.status < 200 || response.status >= 300) throw tokenFailure(response);
    const answer = tokenResponseSchema.safeParse(jsonOrUndefined(response.text));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered the sign-in without an access token`);
    }
    return issuedToken(answer.data.access_token, answer.data.expires_in ?? DEFAULT_TOKEN_SECONDS);
  }

  #settings(): AuthenticxSettings {
    return authenticxSettings(this.#context.profile);
  }

  #client(): HttpClient {
    const { profile } = this.#context;
    const baseUrl = String(profile.options.baseUrl ?? 'https://api.beauthenticx.com');
    this.#api ??= profileHttpClient(profile, LABEL, baseUrl);
    return this.#api;
  }

  /** The token endpoint lives at the root of the API's host, even when the address has a path. */
  #tokenClient(): HttpClient {
    const api = this.#client();
    if (api.baseUrl.pathname === '/') return api;
    this.#tokenHost ??= profileHttpClient(this.#context.profile, LABEL, api.baseUrl.origin);
    return this.#tokenHost;
  }
}
