import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { connectionTestFrom } from '../connection-test.ts';
import { AuthError, ConfigurationError, TransientError } from '../errors.ts';
import { signInFailure } from '../http/classify.ts';
import { profileHttpClient, type HttpClient, type HttpRequest } from '../http/http-client.ts';
import { issuedToken, TokenCache, type IssuedToken } from '../http/token-cache.ts';
import { requiredSecret } from '../required-secret.ts';
import { uploadStreaming } from '../upload-streaming.ts';
import { loginResponseSchema, sessionsPageSchema, uploadResponseSchema } from './api-types.ts';
import { updateSessionMetadata } from './metadata-update.ts';
import { loginRequest, lookupRequest, uploadRequest } from './requests.ts';

const LABEL = 'Ender Turing';

/** Statuses with which Ender Turing's login refuses the username or password. */
const REFUSED_LOGIN = new Set([400, 401, 403]);

/** One Ender Turing profile, ready to deliver: logs in on demand and keeps the token. */
export class EnderTuringClient implements ConnectorSession {
  /** The upload hands the job's hashing every byte of the recording it sends; sha256 is not sent. */
  readonly hashesWhileSending = true;
  readonly #context: ConnectorContext;
  readonly #tokens = new TokenCache(() => this.#login());
  #http: HttpClient | undefined;

  constructor(context: ConnectorContext) {
    this.#context = context;
  }

  /** Logs in afresh and says so in plain words. */
  testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    return connectionTestFrom(async () => {
      const http = this.#client();
      this.#tokens.invalidate();
      await this.#tokens.get(signal);
      return { ok: true, message: `Logged in to ${http.baseUrl.host} as ${this.#username()}` };
    });
  }

  /** Streams the recording to the recognizer under its original name; answers its session id. */
  async upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    const http = this.#client();
    const request = uploadRequest(
      job,
      this.#context.profile.options,
      signal,
      uploadStreaming(this.#context, onProgress, job.hashing),
    );
    const response = await http.send(request, this.#tokens);
    const answer = uploadResponseSchema.safeParse(http.json(response, request));
    if (!answer.success) {
      throw new TransientError(
        `${LABEL} took ${request.subject ?? 'the recording'} but answered without a session id`,
        { uncertain: true },
      );
    }
    return { remoteId: answer.data.session_id };
  }

  /**
   * The session of a recording with this file name, if Ender Turing already has one.
   * The search matches part of a name, and seed 001 and the API notes document no name
   * field on its items (only `id`, and the metadata such as `crm_statuses`): the first
   * item is taken, as the seed does. A recording whose name without extension is part of
   * another recording's name can therefore be matched to that other recording.
   */
  async lookup(job: UploadJob, signal: AbortSignal): Promise<UploadReceipt | null> {
    const http = this.#client();
    const request = lookupRequest(job.fileName, signal);
    const response = await http.send(request, this.#tokens);
    const page = sessionsPageSchema.safeParse(http.json(response, request));
    if (!page.success) {
      throw new TransientError(
        `${LABEL} answered ${request.subject ?? 'a search'} in an unknown form`,
      );
    }
    const first = page.data.items[0];
    return first === undefined ? null : { remoteId: first.id };
  }

  /**
   * Sends the recording's sidecar and CRM details to its conversation (seed 001), when
   * the profile's `updateMetadata` option is on; does nothing otherwise.
   */
  async updateMetadata(job: UploadJob, remoteId: string, signal: AbortSignal): Promise<void> {
    if (this.#context.profile.options.updateMetadata !== true) return;
    await updateSessionMetadata(
      { http: this.#client(), tokens: this.#tokens },
      job,
      remoteId,
      signal,
    );
  }

  /** Releases the connections. */
  async close(): Promise<void> {
    await this.#http?.close();
  }

  async #login(): Promise<IssuedToken> {
    const http = this.#client();
    const password = await requiredSecret(this.#context, 'password');
    const request: HttpRequest = loginRequest(this.#username(), password);
    const response = await http.request(request);
    if (REFUSED_LOGIN.has(response.status)) {
      throw new AuthError(`${LABEL} refused the username or password`);
    }
    if (response.status < 200 || response.status >= 300) {
      throw signInFailure(response, { label: LABEL, subject: 'the login' });
    }
    const answer = loginResponseSchema.safeParse(http.json(response, request));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered the login without an access token`);
    }
    return issuedToken(answer.data.access_token, answer.data.expires_in);
  }

  #username(): string {
    const { profile } = this.#context;
    const username = profile.options.username;
    if (typeof username !== 'string' || username === '') {
      throw new ConfigurationError(`no username set for profile ${profile.id}`);
    }
    return username;
  }

  #client(): HttpClient {
    this.#http ??= profileHttpClient(this.#context.profile, LABEL);
    return this.#http;
  }
}
