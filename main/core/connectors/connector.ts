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
  /** Hex SHA-256 of the content, for ids that must be stable across retries (Tethr sessionId). */
  readonly sha256: string;
  readonly audio: AudioFacts | null;
  readonly metadata: CallMetadata;
  /** 1 for the first attempt. */
  readonly attempt: number;
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

/** What a connector is given to talk to its platform. */
export interface ConnectorContext {
  readonly profile: Profile;
  readonly secret: SecretReader;
  /** Wraps the file's read stream to apply the bandwidth limit; identity when unlimited. */
  readonly throttle?: (stream: NodeJS.ReadableStream) => NodeJS.ReadableStream;
}

/** The outcome of "Test connection", in plain words. */
export interface ConnectionTest {
  readonly ok: boolean;
  readonly message: string;
}

/** A destination profile ready to deliver. Methods throw TransientError, AuthError, RejectedError or ConfigurationError. */
export interface ConnectorSession {
  testConnection(signal: AbortSignal): Promise<ConnectionTest>;
  upload(job: UploadJob, signal: AbortSignal, onProgress: ProgressListener): Promise<UploadReceipt>;
  /** Whether the platform already has this recording (after an uncertain attempt); absent when it cannot tell. */
  lookup?(job: UploadJob, signal: AbortSignal): Promise<UploadReceipt | null>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** A connector: its declaration, and how to open a session for a profile. */
export interface Connector extends ConnectorDeclaration {
  open(context: ConnectorContext): ConnectorSession;
}
