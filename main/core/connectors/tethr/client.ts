import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import type {
  ConnectionTest,
  ConnectorContext,
  ConnectorSession,
  DeliveredRecording,
  ProcessingState,
  ProgressListener,
  UploaderHealth,
  UploadJob,
  UploadReceipt,
} from '../connector.ts';
import { connectionTestFrom } from '../connection-test.ts';
import { ConfigurationError, RejectedError, SkipError, TransientError } from '../errors.ts';
import {
  archiveResponseSchema,
  recordingSettingsSchema,
  statusResponseSchema,
  type CallSession,
  type RecordingSetting,
} from './api-types.ts';
import { uploadStreaming } from '../upload-streaming.ts';
import { callInfo, sessionIdOf } from './call-info.ts';
import {
  isKnownToTethr,
  monitorMessage,
  processingStateOf,
  receiptOf,
  statusBatches,
} from './call-status.ts';
import { RecordingSettingsCache, recordingSettingsSkipReason } from './recording-settings.ts';
import {
  archiveRequest,
  monitorRequest,
  recordingSettingsRequest,
  statusRequest,
} from './requests.ts';
import { LABEL, TethrHttp, type TethrClock } from './tethr-http.ts';

/** What a Tethr session can be given besides its profile (tests set the clock and the computer name). */
export interface TethrClientOptions extends TethrClock {
  /** The `Name` heartbeats carry; the computer name by default. */
  readonly hostName?: string;
}

/**
 * One Tethr profile, ready to deliver: uploads archived calls with their `info` document,
 * follows their processing, honours the recording settings, and sends heartbeats.
 */
export class TethrClient implements ConnectorSession {
  readonly #context: ConnectorContext;
  readonly #http: TethrHttp;
  readonly #settings: RecordingSettingsCache;
  readonly #now: () => number;
  readonly #hostName: string;

  constructor(context: ConnectorContext, options: TethrClientOptions = {}) {
    this.#context = context;
    this.#now = options.now ?? Date.now;
    this.#hostName = options.hostName ?? hostname();
    this.#http = new TethrHttp(context, { now: this.#now });
    this.#settings = new RecordingSettingsCache((signal) => this.#fetchSettings(signal), {
      now: this.#now,
    });
  }

  /** Signs in afresh (and reads the recording settings when they are in use); says how it went. */
  testConnection(signal: AbortSignal): Promise<ConnectionTest> {
    return connectionTestFrom(async () => {
      await this.#http.signInAgain(signal);
      const signedIn = `Signed in to ${this.#http.baseUrl.host} as ${this.#http.clientId()}`;
      if (!this.#usesRecordingSettings()) return { ok: true, message: signedIn };
      this.#settings.clear();
      const settings = await this.#settings.get(signal);
      const disabled = settings.filter((s) => /^disabled$/i.test(s.recordingSetting.trim()));
      return {
        ok: true,
        message: `${signedIn}; Tethr's recording settings list ${settings.length} agents, ${disabled.length} of them Disabled`,
      };
    });
  }

  /**
   * Uploads the recording with its `info` document. Throws SkipError when the recording
   * settings are in use and do not want this agent's calls.
   */
  async upload(
    job: UploadJob,
    signal: AbortSignal,
    onProgress: ProgressListener,
  ): Promise<UploadReceipt> {
    if (this.#usesRecordingSettings()) {
      const reason = recordingSettingsSkipReason(await this.#settings.get(signal), job.metadata);
      if (reason !== null) throw new SkipError(reason);
    }
    const fileModifiedMs =
      job.metadata.startTime === undefined ? await modifiedMs(job.path, this.#now) : 0;
    const info = callInfo(job, { fileModifiedMs });
    if (info === null) {
      throw new RejectedError(
        `${LABEL} takes WAV, MP3 and Ogg/Opus recordings, and ${job.fileName} is none of these`,
      );
    }
    const request = archiveRequest(job, info, signal, uploadStreaming(this.#context, onProgress));
    // 409: Tethr already holds a call with this session id, from an earlier attempt.
    const response = await this.#http.send(request, [409]);
    if (response.status === 409) {
      const held = await this.lookup(job, signal);
      if (held !== null) return held;
      throw this.#http.failure(response, request);
    }
    const answer = archiveResponseSchema.safeParse(this.#http.json(response, request));
    if (!answer.success) {
      throw new TransientError(
        `${LABEL} took ${request.subject ?? 'the recording'} but answered without a call id`,
        { uncertain: true },
      );
    }
    return receiptOf(info.sessionId, answer.data.callId, this.#http.baseUrl);
  }

  /** The call Tethr holds under this recording's session id, asked through the status API; null when NotFound. */
  async lookup(job: UploadJob, signal: AbortSignal): Promise<UploadReceipt | null> {
    const sessionId = sessionIdOf(job);
    const sessions = await this.#statuses([sessionId], signal);
    const held = sessions.find((s) => s.sessionId === sessionId && isKnownToTethr(s));
    return held === undefined ? null : receiptOf(sessionId, held.callId, this.#http.baseUrl);
  }

  /** Where Tethr is with delivered calls, asked in batches; calls Tethr does not report are left out. */
  async pollStatus(
    delivered: readonly DeliveredRecording[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<number, ProcessingState>> {
    const idsOf = new Map<string, number[]>();
    for (const { id, remoteId } of delivered)
      idsOf.set(remoteId, [...(idsOf.get(remoteId) ?? []), id]);
    const states = new Map<number, ProcessingState>();
    for (const batch of statusBatches(delivered)) {
      for (const session of await this.#statuses(batch, signal)) {
        const state = processingStateOf(session.status);
        if (state === null) continue;
        for (const id of idsOf.get(session.sessionId) ?? []) states.set(id, state);
      }
    }
    return states;
  }

  /**
   * Tells Tethr the uploader is alive and how it is doing. 'stop' when this Tethr does not
   * take heartbeats (404), or the profile has them turned off.
   */
  async heartbeat(health: UploaderHealth, signal: AbortSignal): Promise<'ok' | 'stop'> {
    if (this.#context.profile.options.heartbeat === false) return 'stop';
    const message = monitorMessage(health, this.#now(), this.#hostName);
    const response = await this.#http.send(monitorRequest(message, signal), [404]);
    return response.status === 404 ? 'stop' : 'ok';
  }

  /** Releases the connections. */
  async close(): Promise<void> {
    await this.#http.close();
  }

  async #statuses(sessionIds: readonly string[], signal: AbortSignal): Promise<CallSession[]> {
    const request = statusRequest(sessionIds, signal);
    const response = await this.#http.send(request);
    const answer = statusResponseSchema.safeParse(this.#http.json(response, request));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered ${request.subject} in an unknown form`);
    }
    return answer.data.callSessions;
  }

  async #fetchSettings(signal: AbortSignal): Promise<readonly RecordingSetting[]> {
    const request = recordingSettingsRequest(signal);
    const response = await this.#http.send(request, [404]);
    if (response.status === 404) {
      const { id } = this.#context.profile;
      throw new ConfigurationError(
        `${LABEL} does not offer recording settings at this address (HTTP 404): turn off useRecordingSettings for profile ${id}, or check the server address`,
      );
    }
    const answer = recordingSettingsSchema.safeParse(this.#http.json(response, request));
    if (!answer.success) {
      throw new TransientError(`${LABEL} answered the recording settings in an unknown form`);
    }
    return answer.data;
  }

  #usesRecordingSettings(): boolean {
    return this.#context.profile.options.useRecordingSettings === true;
  }
}

/** The file's modification time; now, when it cannot be read (the upload will then say why). */
async function modifiedMs(path: string, now: () => number): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return now();
  }
}
