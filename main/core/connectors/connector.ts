import type { CallMetadata } from '../metadata/call-metadata.ts';
import type { AudioFacts } from '../recording/audio-facts.ts';
import type { Profile } from '../settings/schema.ts';
import type { ConnectorDeclaration } from './declaration.ts';

/** One recording to deliver to one destination. */
export interface UploadJob {
  /** Queue row id, stable across retries. */
  readonly id: number;
  readonly path: string;
  /** The name the platform sees: the original base name, kept intact. */
  readonly fileName: string;
  readonly sizeBytes: number;
  /**
   * Hex SHA-256 of the content, for ids that must be stable across retries (Tethr sessionId).
   * Always a hash, except for a session that hashes while sending (see `hashing`).
   */
  readonly sha256: string;
  readonly audio: AudioFacts | null;
  readonly metadata: CallMetadata;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /**
   * Given to a session that hashes while sending (`hashesWhileSending`) when the recording's
   * hash is not known yet (`sha256` is then PENDING_SHA256): the upload hands it the file's
   * bytes as it reads them.
   */
  readonly hashing?: ReadHashing;
}

/**
 * Learns a recording's content hash from its upload: the upload hands it every byte of the
 * file it reads, in order, and calls `restart()` each time it starts reading from the top.
 */
export interface ReadHashing {
  restart(): void;
  update(bytes: Uint8Array): void;
}

/** What the platform answered for a delivered recording. */
export interface UploadReceipt {
  readonly remoteId: string;
  readonly url?: string;
}

/** Progress of one attempt, in bytes sent. */
export type ProgressListener = (sentBytes: number) => void;

/** Reads a profile's secrets; a missing one resolves to null. */
export type SecretReader = (field: string) => Promise<string | null>;

/** Small values a connector keeps for its profile across restarts (a pinned SSH host key). */
export interface ProfileMemory {
  get(key: string): Promise<string | null>;
  /** Stores a value; null forgets it. */
  set(key: string, value: string | null): Promise<void>;
}

/** The bandwidth limit as an upload sees it; both absent (tests): nothing is held back. */
export interface BandwidthPacing {
  /**
   * The bandwidth limit: resolves when `bytes` more may be sent. An upload awaits it before
   * each piece of the file; absent (tests), nothing is held back.
   */
  readonly pace?: (bytes: number) => Promise<void>;
  /** The most the bandwidth limit lets go at once, in bytes; null (or absent) without one. */
  readonly pieceBytes?: () => number | null;
}

/** What a connector is given to talk to its platform. */
export interface ConnectorContext extends BandwidthPacing {
  readonly profile: Profile;
  readonly secret: SecretReader;
  /** Kept in the queue database; in memory only when absent (tests). */
  readonly memory?: ProfileMemory;
}

/** The outcome of "Test connection", in plain words. */
export interface ConnectionTest {
  readonly ok: boolean;
  readonly message: string;
}

/** A delivered recording whose processing at the platform is followed. */
export interface DeliveredRecording {
  /** Queue row id. */
  readonly id: number;
  readonly remoteId: string;
}

/** Where the platform is with a delivered recording. */
export type ProcessingState =
  | { readonly state: 'processing' }
  | { readonly state: 'processed' }
  /** The platform took the file but could not process it: the reason, in plain words. */
  | { readonly state: 'failed'; readonly message: string };

/**
 * How the uploader is doing, as a heartbeat reports it: healthy; retrying after
 * transient failures; failures waiting for a person; paused or offline.
 */
export type UploaderHealth = 'healthy' | 'retrying' | 'needs-person' | 'paused';

/**
 * A destination profile ready to deliver. Methods throw TransientError, AuthError,
 * RejectedError, SkipError or ConfigurationError.
 */
export interface ConnectorSession {
  /**
   * Whether upload() hands `job.hashing` every byte of the file it reads and needs no
   * `job.sha256`: a big recording is then read once, by its upload. Otherwise a hash that is
   * not known yet is learnt by reading the file before upload() is called.
   */
  readonly hashesWhileSending?: boolean;
  testConnection(signal: AbortSignal): Promise<ConnectionTest>;
  upload(job: UploadJob, signal: AbortSignal, onProgress: ProgressListener): Promise<UploadReceipt>;
  /** Whether the platform already has this recording (after an uncertain attempt); absent when it cannot tell. */
  lookup?(job: UploadJob, signal: AbortSignal): Promise<UploadReceipt | null>;
  /**
   * The processing state of delivered recordings, asked in one batch (capabilities.statusPolling).
   * Recordings the platform says nothing about are left out of the answer.
   */
  pollStatus?(
    delivered: readonly DeliveredRecording[],
    signal: AbortSignal,
  ): Promise<ReadonlyMap<number, ProcessingState>>;
  /**
   * Tells the platform the uploader is alive (capabilities.heartbeat). Answers 'stop' when the
   * platform does not want heartbeats from this profile (and none should be sent again).
   */
  heartbeat?(health: UploaderHealth, signal: AbortSignal): Promise<'ok' | 'stop'>;
  /**
   * Sends the recording's call details to a recording already delivered (capabilities.metadataUpdate).
   */
  updateMetadata?(job: UploadJob, remoteId: string, signal: AbortSignal): Promise<void>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A connector: its declaration, and how to open a session for a profile. */
export interface Connector extends ConnectorDeclaration {
  open(context: ConnectorContext): ConnectorSession;
}
