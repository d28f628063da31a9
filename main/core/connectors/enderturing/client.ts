import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { AuthError, ConfigurationError, RejectedError, TransientError } from '../errors.ts';
import { statusFailure } from '../http/classify.ts';
import { HttpClient, type HttpRequest } from '../http/http-client.ts';
import { TokenCache, type IssuedToken } from '../http/token-cache.ts';
import { loginResponseSchema, sessionsPageSchema, uploadResponseSchema } from './api-types.ts';
import { updateSessionMetadata } from './metadata-update.ts';
import { loginRequest, lookupRequest, uploadRequest } from './requests.ts';

const LABEL = 'Ender Turing';

/** Statuses with which Ender Turing's login refuses the username or password. */
const REFUSED_LOGIN = new Set([400, 401, 403]);

/** One Ender Turing profile, ready to deliver: logs in on demand and keeps the token. */
export class EnderTuringClient implements ConnectorSession {
  readonly #context: ConnectorContext;
  readonly #tokens = new TokenCache(() => this.#login());
  #http: HttpClient | undefined;

  constructor(context: ConnectorContext) {
    this.#context = context;
  }

  /** Logs in afresh and says so in plain words. */
  async testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    try {
      const http = this.#client();
      this.#tokens.invalidate();
      await this.#tokens.get(signal);
      return { ok: true, message: `Logged in to ${http.baseUrl.host} as ${this.#username()}` };
    } catch (error) {
      if (isClassified(error)) return { ok: false, message: error.message };
      throw error;
    }
  }

  /** Streams the recording to the recognizer under its original name; answers its session id. */
  async upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    const http = this.#client();
    const throttle = this.#context.throttle;
    const request = uploadRequest(job, this.#context.profile.options, signal, {
      onProgress,
      ...(throttle ? { throttle } : {}),
    });
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
    const { profile } = this.#context;
    const password = await this.#context.secret('password');
    if (password === null || password === '') {
      throw new ConfigurationError(
        `no password stored for profile ${profile.id}: run \`call-courier secret set ${profile.id} password\``,
      );
    }
    const request: HttpRequest = loginRequest(this.#username(), password);
    const response = await http.request(request);
    if (REFUSED_LOGIN.has(response.status)) {
      throw new AuthError(`${LABEL} refused the username or password`);
    }
    if (response.status < 200 || response.status >= 300) {
      const failure = statusFailure(response, { label: LABEL, subject: 'the login' });
      throw failure instanceof RejectedError ? new ConfigurationError(failure.message) : failure;
    }
    const answer = loginResponseSchema.safeParse(http.json(response, request));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered the login without an access token`);
    }
    const { access_token: token, expires_in: expiresIn } = answer.data;
    return expiresIn === undefined ? { token } : { token, expiresInMs: expiresIn * 1000 };
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
    const { profile } = this.#context;
    this.#http ??= new HttpClient({
      label: LABEL,
      profileId: profile.id,
      baseUrl: String(profile.options.baseUrl ?? ''),
      allowInsecureHttp: profile.allowInsecureHttp,
    });
    return this.#http;
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
