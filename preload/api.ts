/**
 * The CourierApi contract: everything the window (and the local HTTP API) can ask of
 * the core. Main implements it, preload exposes it as `window.courier`, the renderer
 * and the headless HTTP transport call it. Types only: no runtime code lives here.
 */
import type { ConnectionTest } from '../main/core/connectors/connector.ts';
import type { OptionDeclaration } from '../main/core/connectors/declaration.ts';
import type { CallMetadata } from '../main/core/metadata/call-metadata.ts';
import type { PresetId } from '../main/core/metadata/presets/registry.ts';
import type { AudioFacts } from '../main/core/recording/audio-facts.ts';
import type { SettingsError } from '../main/core/settings/cross-checks.ts';
import type { RecordingStatus } from '../main/core/store/recording-status.ts';

export type { ConnectionTest, PresetId, RecordingStatus, SettingsError };

/** running: delivering; paused: a person paused it; offline: every destination is unreachable. */
export type ServiceState = 'running' | 'paused' | 'offline';

/** How one destination profile is doing. */
export interface ProfileStatus {
  readonly id: string;
  readonly connector: string;
  readonly label: string;
  /** active: sending; paused: needs a person (credentials, settings); offline: unreachable, being probed. */
  readonly state: 'active' | 'paused' | 'offline';
  /** Why it is paused or offline, in plain words. */
  readonly message?: string;
}

/** A change the upload timetable will make. */
export interface BandwidthChange {
  /** ISO 8601. */
  readonly at: string;
  /** The limit from then on, in bytes per second; null for unlimited. */
  readonly bytesPerSecond: number | null;
  /** Whether the timetable pauses delivery from then on. */
  readonly paused: boolean;
}

/** GET /api/v1/status */
export interface StatusAnswer {
  readonly state: ServiceState;
  readonly counts: Readonly<Record<RecordingStatus, number>>;
  readonly bytesPerSecond: number;
  /** When the upload timetable next changes the speed limit or pause, and to what; null when it never does. */
  readonly nextBandwidthChange: BandwidthChange | null;
  readonly profiles: readonly ProfileStatus[];
  /**
   * The alarms that are on now (no new recordings in business hours, a backlog too old, low
   * disk space); each clears itself when its condition ends. Absent from older versions.
   */
  readonly alarms?: readonly ActiveAlarm[];
}

/** The alarms Call Courier raises when something fails silently. */
export type AlarmId = 'no-new-recordings' | 'backlog-too-old' | 'low-disk-space';

/** One alarm that is on. */
export interface ActiveAlarm {
  readonly id: AlarmId;
  /** ISO 8601: when it came on. */
  readonly since: string;
  /** What is wrong and what to do, in plain words. */
  readonly message: string;
}

/** One recording at one destination, as lists show it. */
export interface RecordingItem {
  readonly id: number;
  readonly path: string;
  readonly fileName: string;
  readonly destination: string;
  readonly status: RecordingStatus;
  /** What went wrong, in plain words; null when nothing did. */
  readonly error: string | null;
  readonly errorCode: string | null;
  readonly attempts: number;
  readonly remoteId: string | null;
  /** The recording's page at the platform, when the platform gave one (Tethr's call link). */
  readonly remoteUrl: string | null;
  readonly metadata: CallMetadata;
  readonly audio: AudioFacts | null;
  readonly sizeBytes: number;
  /** ISO 8601. */
  readonly updatedAt: string;
  /** ISO 8601, for recordings waiting to retry. */
  readonly nextAttemptAt: string | null;
  /** What may go wrong at the platform without stopping delivery (a name it will not read), in plain words. */
  readonly warnings: readonly string[];
}

/** GET /api/v1/recordings?status=&q=&limit=&cursor= */
export interface RecordingQuery {
  readonly status?: RecordingStatus;
  readonly q?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface RecordingPage {
  readonly items: readonly RecordingItem[];
  readonly nextCursor: string | null;
}

/** The outcome of PUT /api/v1/settings. */
export type SettingsUpdate =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly errors: readonly SettingsError[];
      /** True when refused because it changes settings the machine policy locks (HTTP 409). */
      readonly locked?: boolean;
    };

/** A setting the machine policy locks, and why (shown next to it, read-only). */
export interface LockedSetting {
  /** Dotted, as in the policy file: "upload.bandwidthLimit", "profiles". */
  readonly path: string;
  readonly reason: string;
}

/** The machine-wide policy in force (GET /api/v1/policy): its file, null when there is none. */
export interface PolicyInfo {
  readonly file: string | null;
  readonly locked: readonly LockedSetting[];
}

/** What the core announces (Server-Sent Events over HTTP, IPC events in the desktop app). */
export type CourierEvent =
  | { readonly type: 'recording'; readonly item: RecordingItem }
  | { readonly type: 'status'; readonly status: StatusAnswer }
  | {
      readonly type: 'progress';
      readonly id: number;
      readonly sentBytes: number;
      readonly sizeBytes: number;
    }
  /** An alarm came on (`started`) or cleared itself (`cleared`). */
  | { readonly type: 'alarm'; readonly change: 'started' | 'cleared'; readonly alarm: ActiveAlarm };

/**
 * One setting of a destination, as the settings form draws it: name, label, type, help,
 * required, default, secret (kept in the keychain), advanced, choices, min, max, examples,
 * placeholders. Plain data, as declared by the connector.
 */
export type ConnectorOptionInfo = Readonly<OptionDeclaration>;

/** A platform Call Courier can deliver to, described for the settings form (GET /api/v1/connectors). */
export interface ConnectorInfo {
  readonly id: string;
  readonly label: string;
  /** One sentence for the connector picker. */
  readonly summary: string;
  readonly docsUrl: string;
  readonly options: readonly ConnectorOptionInfo[];
  readonly capabilities: {
    /** What it accepts, in words: "WAV (PCM or μ-law), MP3 and Ogg/Opus". */
    readonly formats: string;
    /** Needs agent and client on separate channels. */
    readonly requiresStereo: boolean;
    /** The largest file it takes, when it has a limit. */
    readonly maxBytes?: number;
  };
}

/** A built-in way of reading recording names (GET /api/v1/presets). */
export interface PresetInfo {
  readonly id: PresetId;
  /** The recorder it is named after: "3CX". */
  readonly label: string;
  /** A name this preset reads, to show as a sample. */
  readonly example: string;
}

/** How a watch folder reads names: as in its settings (`preset`, `template`, `timeZone`). */
export interface NamingChoice {
  readonly preset?: string;
  readonly template?: string;
  /** IANA time zone of the times in names; UTC when left out. */
  readonly timeZone?: string;
}

/** What a watch folder's naming reads from one sample name (POST /api/v1/name-preview). */
export interface NamePreview {
  /** The call details read from the name; empty when it could not be read. */
  readonly metadata: CallMetadata;
  /** Which preset read it, 'template' for the folder's template, null when none did. */
  readonly preset: PresetId | 'template' | null;
  /** Why the name (or the naming) does not work, in plain words; empty when it reads. */
  readonly problems: readonly string[];
}

/**
 * How a watched workstation is doing: healthy; attention (failed recordings or alarms); paused
 * (a person paused it); offline (none of its destinations answer); unreachable (it did not
 * answer, refused the monitor token, or answered something that is not Call Courier).
 */
export type WorkstationHealth = 'healthy' | 'attention' | 'paused' | 'offline' | 'unreachable';

/** A Call Courier instance the supervisor watches; its monitor token stays in the keychain. */
export interface WorkstationInfo {
  readonly id: string;
  readonly label: string;
  /** Where it serves its own window: `http://192.168.1.20:8490`. */
  readonly address: string;
}

/** One row of the supervisor table (GET /api/v1/supervisor/workstations), asked of the workstation just now. */
export interface WorkstationRow extends WorkstationInfo {
  readonly health: WorkstationHealth;
  /** What is wrong, in plain words ("unreachable: connection refused", "2 recordings failed"); null when healthy. */
  readonly problem: string | null;
  /** Recordings not delivered yet (queued, uploading, retrying); null when it could not be asked. */
  readonly backlog: number | null;
  /** Recordings that failed and need a person; null when it could not be asked. */
  readonly failed: number | null;
  /** How long the oldest undelivered recording has waited, in seconds; null when none waits or unknown. */
  readonly oldestWaitingSeconds: number | null;
  /** When a platform last confirmed one of its recordings (ISO 8601); null when never or unknown. */
  readonly lastDeliveryAt: string | null;
  /** The alarms it reports, in its own words. */
  readonly alarms: readonly string[];
  /** When it was asked (ISO 8601). */
  readonly checkedAt: string;
}

/**
 * "Allow supervisor monitoring" as Settings shows it (GET /api/v1/monitoring, admin only):
 * turned on and off through the `monitoring` settings.
 */
export interface MonitoringInfo {
  /** Whether the settings turn it on. */
  readonly enabled: boolean;
  /** Whether it listens on the network now. */
  readonly listening: boolean;
  /** Whether it serves HTTPS. */
  readonly secure: boolean;
  /** Where other computers reach it, e.g. ["https://192.168.1.23:8490"]; empty when not listening. */
  readonly addresses: readonly string[];
  /** The read-only monitor token to give supervisors and Prometheus (never the admin token). */
  readonly monitorToken: string;
  /** Why it does not listen although it is on, in plain words; null otherwise. */
  readonly problem: string | null;
}

/** A workstation to add to the supervisor table (POST /api/v1/supervisor/workstations). */
export interface NewWorkstation {
  readonly label: string;
  readonly address: string;
  /** Its read-only monitor token (the `monitor-token` file in its data folder); stored in the keychain. */
  readonly monitorToken: string;
  /** For an https:// address signed by a company authority: the path of that authority's PEM file. */
  readonly caCertificate?: string;
}

/** Thrown (and answered 404/409/400) when a request names something that is not there or not allowed now. */
export interface ApiErrorShape {
  readonly error: string;
}

/** The contract. Every method may reject with an Error whose message is fit to show a person. */
export interface CourierApi {
  status(): Promise<StatusAnswer>;
  listRecordings(query: RecordingQuery): Promise<RecordingPage>;
  /**
   * Queues a finished recording now, without waiting for the watcher (a PBX's
   * post-recording hook). The file must be inside a watch folder; answers its rows.
   */
  enqueue(path: string): Promise<readonly RecordingItem[]>;
  /** A person's retry of a failed, skipped or waiting recording. */
  retry(id: number): Promise<RecordingItem>;
  /** A person's decision not to deliver a recording. */
  skip(id: number): Promise<RecordingItem>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** The settings as stored (no secrets: there are none in settings). */
  getSettings(): Promise<unknown>;
  /** Validates and applies settings live; nothing changes when they are refused. */
  putSettings(settings: unknown): Promise<SettingsUpdate>;
  /** The machine policy: which settings are locked, and why. */
  policy(): Promise<PolicyInfo>;
  /** Write-only: stores a secret in the keychain; it can never be read back through the API. */
  setSecret(profile: string, field: string, value: string): Promise<void>;
  /**
   * Whether each secret field of a profile has a value stored (never the value), so that a
   * form can say "stored in the keychain — replace". Keyed by field name.
   */
  secretsStored(profile: string): Promise<Readonly<Record<string, boolean>>>;
  testProfile(id: string): Promise<ConnectionTest>;
  /** Every platform Call Courier can deliver to, with its settings, in the order to list them. */
  connectors(): Promise<readonly ConnectorInfo[]>;
  /** The built-in ways of reading recording names, in the order they are tried. */
  presets(): Promise<readonly PresetInfo[]>;
  /** What a watch folder's naming would read from a file name (no file is read). */
  previewName(fileName: string, naming: NamingChoice): Promise<NamePreview>;
  /** The supervisor table: every watched workstation, each asked for its status now. Never shows a token. */
  workstations(): Promise<readonly WorkstationRow[]>;
  /** Starts watching a workstation; its monitor token goes to the keychain and is never read back. */
  addWorkstation(workstation: NewWorkstation): Promise<WorkstationInfo>;
  /** Stops watching a workstation and deletes its monitor token. */
  removeWorkstation(id: string): Promise<void>;
  /** Supervisor monitoring over the network: on or off, its addresses and the monitor token. */
  monitoring(): Promise<MonitoringInfo>;
  /** Subscribes to events; returns the disposer. */
  onEvent(listener: (event: CourierEvent) => void): () => void;
}
