import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  DeliveredRecording,
  ProcessingState,
  ProgressListener,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { connectionTestFrom } from '../connection-test.ts';
import { ConfigurationError, TransientError } from '../errors.ts';
import { statusFailure } from '../http/classify.ts';
import { profileHttpClient, type HttpClient } from '../http/http-client.ts';
import { requiredSecret } from '../required-secret.ts';
import { uploadStreaming } from '../upload-streaming.ts';
import { processSchema } from './api-types.ts';
import { processingState } from './process-state.ts';
import {
  connectionCheckRequest,
  statusRequest,
  uploadRequest,
  type ApiVersion,
  type Credentials,
} from './requests.ts';

const LABEL = 'Behavioral Signals';

/**
 * One Behavioral Signals profile, ready to deliver: every request carries the project's
 * static token (X-Auth-Token), so there is no login and nothing to refresh.
 */
export class BehavioralSignalsClient implements ConnectorSession {
  readonly #context: ConnectorContext;
  #http: HttpClient | undefined;

  constructor(context: ConnectorContext) {
    this.#context = context;
  }

  /** Asks Oliver whether the token opens the project, and says so in plain words. */
  testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    return connectionTestFrom(async () => {
      const http = this.#client();
      const credentials = await this.#credentials();
      await http.send(connectionCheckRequest(this.#version(), credentials, signal));
      return {
        ok: true,
        message: `${LABEL} at ${http.baseUrl.host} accepted the token of project ${credentials.projectId}`,
      };
    });
  }

  /** Streams the recording to Oliver for processing; answers the process id (pid). */
  async upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    const http = this.#client();
    const version = this.#version();
    const credentials = await this.#credentials();
    const request = uploadRequest(
      job,
      version,
      credentials,
      signal,
      uploadStreaming(this.#context, onProgress),
    );
    const response = await http.send(request);
    const process = processSchema.safeParse(http.json(response, request));
    if (!process.success) {
      throw new TransientError(
        `${LABEL} took ${request.subject ?? 'the recording'} but answered without a process id`,
        { uncertain: true },
      );
    }
    return { remoteId: process.data.pid };
  }

  /**
   * The state of each delivered recording's process, asked one by one (Oliver has no
   * batch query). A process Oliver does not know (404) is left out of the answer.
   */
  async pollStatus(
    delivered: readonly DeliveredRecording[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<number, ProcessingState>> {
    const http = this.#client();
    const version = this.#version();
    const credentials = await this.#credentials();
    const states = new Map<number, ProcessingState>();
    for (const recording of delivered) {
      if (!/^\d+$/.test(recording.remoteId)) continue;
      const request = statusRequest(version, credentials, recording.remoteId, signal);
      const response = await http.request(request);
      if (response.status === 404 || response.status === 410) continue;
      if (response.status < 200 || response.status >= 300) {
        throw statusFailure(response, { label: LABEL, subject: request.subject ?? 'a process' });
      }
      const process = processSchema.safeParse(http.json(response, request));
      if (!process.success) {
        throw new TransientError(`${LABEL} answered about ${request.subject} in an unknown form`);
      }
      states.set(recording.id, processingState(process.data));
    }
    return states;
  }

  /** Releases the connections. */
  async close(): Promise<void> {
    await this.#http?.close();
  }

  async #credentials(): Promise<Credentials> {
    const { profile } = this.#context;
    const projectId = String(profile.options.projectId ?? '').trim();
    if (projectId === '') {
      throw new ConfigurationError(`no project id set for profile ${profile.id}`);
    }
    if (!/^\d+$/.test(projectId)) {
      throw new ConfigurationError(
        `the project id of profile ${profile.id} must be the number Behavioral Signals shows as the project's ID (it is "${projectId}")`,
      );
    }
    const token = await requiredSecret(this.#context, 'token', 'API token');
    if (/[\r\n]/.test(token)) {
      throw new ConfigurationError(
        `the API token stored for profile ${profile.id} spans several lines: store it again with \`call-courier secret set ${profile.id} token\``,
      );
    }
    return { projectId, token: token.trim() };
  }

  #version(): ApiVersion {
    const { profile } = this.#context;
    const version = profile.options.apiVersion ?? 'v5';
    if (version === 'v5' || version === 'legacy') return version;
    throw new ConfigurationError(
      `the API version of profile ${profile.id} must be v5 or legacy (it is "${String(version)}")`,
    );
  }

  #client(): HttpClient {
    this.#http ??= profileHttpClient(this.#context.profile, LABEL);
    return this.#http;
  }
}
