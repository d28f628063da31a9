import type { Connector, UploadJob } from '../../../main/core/connectors/connector.ts';
import type { EmulatorFaults } from '../../emulators/shared/fault-dice.ts';
import type { AudioFacts } from '../../../main/core/recording/audio-facts.ts';
import type { Profile } from '../../../main/core/settings/schema.ts';

/**
 * What one connector brings to the shared conformance suite (`describe-conformance.ts`):
 * the connector, and a way to start its platform's strict emulator. Each connector's
 * own test file adds only what is specific to it.
 */
export interface ConformanceSubject {
  /** The connector under test; it must be able to upload (have `open`). */
  readonly connector: Connector;
  /** The recordings the suite delivers: names the platform accepts, and their audio. */
  readonly recording: {
    /** The name of the suite's n-th recording (n = 1, 2, …); each must be unique. */
    fileName(n: number): string;
    readonly channels: 1 | 2;
    /** Call details as filename/sidecar parsing would give them. */
    readonly metadata: UploadJob['metadata'];
  };
  /** Starts a fresh emulator (one per suite). */
  start(): Promise<ConformanceEmulator>;
  /**
   * Checks, with `expect`, every field the platform received beyond the file itself
   * (metadata parts, query parameters, headers) against what the connector's docs promise
   * for this job. Called once per delivered recording.
   */
  expectFields(received: ReceivedRecording, job: UploadJob): void;
  /** Faults the emulator can inject; the suite runs the cases it can. */
  readonly faults: ReadonlySet<FaultKind>;
}

/** A fault the suite asks the emulator for, on the next upload request only. */
export type FaultKind =
  /** 503 with `Retry-After: 7`. */
  | 'unavailable'
  /** 429 with `Retry-After: 3`. */
  | 'too-many-requests'
  /** The platform stores the recording, then the connection is closed without an answer. */
  | 'drop-after-store'
  /** The platform refuses this file for good (its documented refusal), with a reason. */
  | 'reject'
  /** Every token issued so far stops working. */
  | 'expire-tokens';

/** One recording as the platform received and stored it. */
export interface ReceivedRecording {
  /** The id the platform gave it (what the connector's receipt must carry). */
  readonly remoteId: string;
  /** The file name the platform stored it under. */
  readonly fileName: string;
  readonly sizeBytes: number;
  /** Hex SHA-256 of the bytes received. */
  readonly sha256: string;
  /** The audio part's content type, or null when the transport has none (SFTP). */
  readonly contentType: string | null;
  /** Everything else that came with it: parsed metadata parts, query, as the emulator reads them. */
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A running emulator, as the suite drives it. */
export interface ConformanceEmulator {
  /** A valid profile pointing at this emulator; `options` override the connector's options. */
  profile(options?: Readonly<Record<string, string | number | boolean>>): Profile;
  /** The secrets the platform accepts for that profile, by field name. */
  readonly secrets: Readonly<Record<string, string>>;
  /** The same fields with values the platform refuses. */
  readonly wrongSecrets: Readonly<Record<string, string>>;
  /** Every recording stored so far, in order. */
  received(): readonly ReceivedRecording[];
  /** Arms a fault for the next upload request. */
  inject(fault: FaultKind): void;
  /** Tokens (or sessions) issued so far; null when the platform has none to refresh (static key). */
  tokensIssued(): number | null;
  /**
   * For platforms with processing status (capabilities.statusPolling): finishes processing of
   * a received recording, so that polling answers processed.
   */
  completeProcessing?(remoteId: string): void;
  close(): Promise<void>;
}

/** The audio facts of the suite's recording. */
export function conformanceAudio(channels: 1 | 2): AudioFacts {
  return { container: 'wav', codec: 'pcm', channels, sampleRate: 8000, durationSec: 2 };
}

/** An emulator whose faults are thrown by the shared FaultDice. */
export interface DiceEmulator<E extends string> {
  setFaults(faults: EmulatorFaults<E>): void;
  /** Absent for platforms without tokens. */
  expireTokens?(): void;
}

/**
 * `inject` for an emulator built on the shared FaultDice: each fault strikes the next
 * request to `endpoint` once, with the Retry-After values the suite expects and the
 * platform's own refusal for `reject`.
 */
export function diceInjector<E extends string>(
  emulator: DiceEmulator<E>,
  endpoint: E,
  reject: { readonly status: 415 | 422; readonly detail: string },
): (fault: FaultKind) => void {
  const once = { count: 1, endpoints: [endpoint] };
  return (fault) => {
    switch (fault) {
      case 'unavailable':
        return emulator.setFaults({ unavailable: { ...once, retryAfterSeconds: 7 } });
      case 'too-many-requests':
        return emulator.setFaults({ tooManyRequests: { ...once, retryAfterSeconds: 3 } });
      case 'drop-after-store':
        return emulator.setFaults({ dropAfterStore: once });
      case 'reject':
        return emulator.setFaults({ reject: { ...once, ...reject } });
      case 'expire-tokens':
        if (!emulator.expireTokens) throw new Error('this platform issues no tokens to expire');
        return emulator.expireTokens();
    }
  };
}
