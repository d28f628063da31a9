import { mkdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type {
  BandwidthChange,
  ConnectorInfo,
  CourierApi,
  CourierEvent,
  MonitoringInfo,
  NamePreview,
  NamingChoice,
  PolicyInfo,
  PresetInfo,
  ProfileStatus,
  RecordingItem,
  RecordingPage,
  RecordingQuery,
  SettingsUpdate,
  StatusAnswer,
  NewWorkstation,
  WorkstationInfo,
  WorkstationRow,
} from '../../preload/api.ts';
import type { ConnectionTest } from './connectors/connector.ts';
import { findConnector } from './connectors/registry.ts';
import { BandwidthLimiter } from './delivery/bandwidth.ts';
import { DestinationHealth } from './delivery/destination-health.ts';
import { DeliveryScheduler, UNCERTAIN } from './delivery/scheduler.ts';
import { allowanceAt, nextAllowanceChange } from './delivery/timetable.ts';
import {
  enqueueExamined,
  examineForIntake,
  intakeRecording,
  queuedAsIs,
  type ReadyFile,
} from './intake/intake-recording.ts';
import { readAheadWriteInTurn, TaskSlots } from './intake/task-slots.ts';
import { trimSpareBuffers } from './recording/whole-recording.ts';
import { trimUploadBuffers } from './connectors/http/multipart.ts';
import { checkRecording } from './check/check-recording.ts';
import { checkPlanFor, watchFolderFor } from './check/destinations-for-file.ts';
import type { Logger } from './log/logger.ts';
import { isBlocking, isBlockingCode, type Problem } from './problem.ts';
import type { SecretStore } from './secrets/secret-store.ts';
import { runAfterUpload } from './service/after-upload.ts';
import { Heartbeats } from './service/heartbeats.ts';
import { MetadataUpdates } from './service/metadata-updates.ts';
import { ProcessingPoller } from './service/processing-poller.ts';
import { recordingItem } from './service/api-items.ts';
import { maskedRecordingItem, phoneNumbersOf } from './privacy/masked-recording.ts';
import { maskPhoneNumbersIn } from './privacy/phone-mask.ts';
import type { DiagnosticsBundle } from './diagnostics/diagnostics-bundle.ts';
import { lockDataDir, type InstanceLock } from './service/instance-lock.ts';
import { buildInfo } from './service/build-info.ts';
import { DeliveryTimes } from './service/delivery-times.ts';
import { prometheusText } from './service/metrics.ts';
import { UploadCounters } from './service/upload-counters.ts';
import { RateMeter } from './service/rate-meter.ts';
import { AlarmWatch } from './alarms/alarm-watch.ts';
import type { DiskSpaceReader } from './alarms/disk-space.ts';
import { ConnectorSessions } from './service/connector-sessions.ts';
import { connectorInfos } from './service/connector-info.ts';
import { presetInfos, previewName } from './service/name-preview.ts';
import { secretsStored } from './service/secrets-stored.ts';
import { validateSettings } from './settings/load-settings.ts';
import type { Policy } from './policy/load-policy.ts';
import { gateSettings, policyInfo } from './policy/policy-gate.ts';
import type { Profile, Settings } from './settings/schema.ts';
import { IntakeRetries } from './service/intake-retries.ts';
import { ContentBeingSentError } from './store/queue-errors.ts';
import { openQueue } from './store/open-queue.ts';
import { isStorageFull } from './store/storage-full.ts';
import type { QueueStore, RecordingRow } from './store/queue-store.ts';
import { isRecordingFileName } from './watch/ignore-rules.ts';
import { RecordingWatcher } from './watch/recording-watcher.ts';
import { RECORDING_EXTENSIONS } from './recording/extension.ts';
import { Supervisor } from './supervisor/supervisor.ts';
import { LanMonitoring } from './server/lan-monitoring.ts';

/** What the service is started with. */
export interface ServiceOptions {
  readonly dataDir: string;
  /** Validated settings, and the raw form they were given in (returned by GET settings). */
  readonly settings: Settings;
  readonly rawSettings: unknown;
  readonly secrets: SecretStore;
  readonly log: Logger;
  /** Stores settings changed through the API (the config file, or the desktop store). */
  readonly saveSettings?: (raw: unknown) => Promise<void>;
  /** The machine policy, already applied to `settings`: its locked values cannot be changed. */
  readonly policy?: Policy | null;
  /** Every secret value read is added here, so that logs can redact it. */
  readonly knownSecrets?: Set<string>;
  /** The built UI the network listener (supervisor monitoring) serves at `/`, when there is one. */
  readonly monitoringStaticDir?: string;
  /** For tests: how often folders are rescanned. */
  readonly rescanIntervalMs?: number;
  /** How often platforms are asked how processing goes (default a minute). */
  readonly pollIntervalMs?: number;
  /** How often heartbeats go to platforms that take them (default 5 minutes). */
  readonly heartbeatIntervalMs?: number;
  /** How often the alarms are checked (default 30 s). */
  readonly alarmIntervalMs?: number;
  /** For tests: the alarms' clock (ms since the epoch), moved instead of waiting. */
  readonly alarmClock?: () => number;
  /** For tests: how the alarms read a drive's free space (fs.statfs otherwise). */
  readonly diskSpace?: DiskSpaceReader;
}

const PAUSED_KEY = 'paused';
/**
 * How many files intake reads at once (each up to READ_WHOLE_MAX_BYTES in memory while it is
 * examined). Their rows are still queued one at a time, in the order the files were found.
 */
const INTAKE_AHEAD = 3;
/** When the queue was started afresh because the old file was unusable (ms since the epoch). */
const RECOVERED_KEY = 'queue-recovered-at';

/**
 * The core, composed: watcher → intake → queue → scheduler → connectors, plus the
 * post-upload action and the timetable. Implements the CourierApi contract that the
 * window and the local HTTP API use.
 */
export class CourierService implements CourierApi {
  readonly store: QueueStore;
  readonly #options: ServiceOptions;
  readonly #lock: InstanceLock;
  readonly #health = new DestinationHealth();
  readonly #limiter = new BandwidthLimiter(null);
  readonly #meter = new RateMeter();
  readonly #sessions: ConnectorSessions;
  readonly #listeners = new Set<(event: CourierEvent) => void>();
  readonly #scheduler: DeliveryScheduler;
  readonly #watcher: RecordingWatcher;
  readonly #disposers: (() => void)[] = [];
  /** Bytes reported so far per upload in flight, for the rate meter. */
  readonly #lastSent = new Map<number, number>();
  #settings: Settings;
  #rawSettings: unknown;
  #heldByTimetable = false;
  /** The person's pause, as last written to the queue (read from it the first time asked). */
  #pausedByPerson: boolean | undefined;
  readonly #counters = new UploadCounters();
  readonly #deliveryTimes: DeliveryTimes;
  readonly #startedAt = Date.now();
  /** Every file handed to intake so far, and the sidecars since, done with (never rejects). */
  #intake: Promise<void> = Promise.resolve();
  /**
   * Files read at once by intake: one at a time, its trips to the file system (about eight,
   * one after the other) made it slower than two uploads, and a backlog's uploads waited on it.
   */
  readonly #examining = new TaskSlots(INTAKE_AHEAD);
  /** Files handed to intake that it has not finished with. */
  #intakePending = 0;
  /** Callers of quiet() still waiting. */
  readonly #quietWaiters: (() => void)[] = [];
  #timers: NodeJS.Timeout[] = [];
  readonly #background = new AbortController();
  readonly #poller: ProcessingPoller;
  readonly #metadata: MetadataUpdates;
  readonly #heartbeats: Heartbeats;
  readonly #alarms: AlarmWatch;
  #statusTimer: NodeJS.Timeout | undefined;
  /** The post-upload run in progress: runs never overlap, or one file could be moved twice. */
  #afterUploadRun: Promise<void> = Promise.resolve();
  #afterUploadAsked = false;
  #stopping = false;
  /** Recordings the queue could not take (a full disk): tried again every 10 s. */
  readonly #intakeRetries = new IntakeRetries((file) => void this.#retryIntake(file), 10_000);
  /** The workstations this instance watches for a supervisor. */
  readonly #supervisor: Supervisor;
  /** "Allow supervisor monitoring": the API's listener on the network, as the settings say. */
  readonly #lan: LanMonitoring;

  private constructor(options: ServiceOptions, store: QueueStore, lock: InstanceLock) {
    this.#options = options;
    this.store = store;
    this.#lock = lock;
    this.#sessions = new ConnectorSessions({
      store,
      health: this.#health,
      limiter: this.#limiter,
      secrets: options.secrets,
      ...(options.knownSecrets ? { knownSecrets: options.knownSecrets } : {}),
      log: options.log,
    });
    this.#settings = options.settings;
    this.#rawSettings = options.rawSettings;
    this.#supervisor = new Supervisor({
      settings: () => this.#settings,
      rawSettings: () => this.#rawSettings,
      putSettings: (raw) => this.putSettings(raw),
      secrets: options.secrets,
      log: options.log,
      ...(options.knownSecrets ? { knownSecrets: options.knownSecrets } : {}),
    });
    this.#lan = new LanMonitoring({
      api: this,
      dataDir: options.dataDir,
      metrics: () => this.metrics(),
      log: options.log,
      ...(options.monitoringStaticDir !== undefined && { staticDir: options.monitoringStaticDir }),
    });
    this.#deliveryTimes = new DeliveryTimes(() => store.lastDelivered());
    this.#scheduler = new DeliveryScheduler({
      store,
      health: this.#health,
      session: (destination) => this.#sessions.get(destination),
      limits: () => ({
        concurrency: this.#settings.upload.concurrency,
        perDestination:
          this.#settings.upload.concurrencyPerDestination ?? this.#settings.upload.concurrency,
      }),
      isHeld: () => this.#isPausedByPerson() || this.#heldByTimetable,
      onProgress: (id, sent, size) => this.#progress(id, sent, size),
      // Files from before a lost queue may have been delivered: the platform is asked first.
      mayHaveArrived: (row) => row.mtimeMs < Number(store.getState(RECOVERED_KEY) ?? 0),
      afterDelivered: (row, receipt, signal) =>
        this.#metadata.delivered(row, receipt.remoteId, signal),
      log: options.log,
      onIdle: () => {
        trimUploadBuffers();
        this.#checkQuiet();
      },
    });
    this.#metadata = new MetadataUpdates({
      store,
      settings: () => this.#settings,
      sessions: () => this.#sessions.all,
      log: options.log,
    });
    this.#poller = new ProcessingPoller({
      store,
      sessions: () => this.#sessions.all,
      log: options.log,
    });
    this.#heartbeats = new Heartbeats({
      store,
      health: this.#health,
      sessions: () => this.#sessions.heartbeatSessions(this.#settings),
      isPaused: () => this.#isPausedByPerson() || this.#heldByTimetable,
      log: options.log,
    });
    this.#alarms = new AlarmWatch({
      settings: () => this.#settings,
      dataDir: options.dataDir,
      statistics: () => store.statistics(),
      destinations: () => this.#settings.profiles.map((p) => this.#profileStatus(p)),
      pausedByPerson: () => this.#isPausedByPerson(),
      heldByTimetable: () => this.#heldByTimetable,
      onChange: (change) => {
        this.#emit({ type: 'alarm', ...change });
        this.#statusSoon();
      },
      log: options.log,
      ...(options.alarmClock ? { now: options.alarmClock } : {}),
      ...(options.diskSpace ? { diskSpace: options.diskSpace } : {}),
    });
    this.#watcher = new RecordingWatcher(this.#settings.watch, {
      stableForSeconds: this.#settings.upload.stableForSeconds,
      ...(this.#settings.backfill.since
        ? { backfillSince: new Date(this.#settings.backfill.since) }
        : {}),
      ...(options.rescanIntervalMs ? { rescanIntervalMs: options.rescanIntervalMs } : {}),
      alreadyTaken: (files) => queuedAsIs(files, this.#settings, store),
    });
  }

  /** Opens the data dir (one instance per dir), recovers interrupted uploads, starts watching and delivering. */
  static async start(options: ServiceOptions): Promise<CourierService> {
    await mkdir(options.dataDir, { recursive: true });
    const lock = await lockDataDir(options.dataDir);
    try {
      const { store, recovery } = await openQueue(join(options.dataDir, 'queue.sqlite'));
      if (recovery) {
        options.log.warn(
          `the queue database could not be used (${recovery.reason}); it was moved to ${recovery.movedTo} and the folders are scanned again`,
        );
        store.setState(RECOVERED_KEY, String(Date.now()));
      }
      const service = new CourierService(options, store, lock);
      await service.#start();
      return service;
    } catch (error) {
      await lock.release();
      throw error;
    }
  }

  async #start(): Promise<void> {
    const { log } = this.#options;
    // Uploads cut off by a crash or a stop: ask the platform before sending them again.
    for (const row of this.store.inFlight()) {
      this.store.markRetrying(row.id, {
        code: UNCERTAIN,
        message:
          'Call Courier stopped during the upload; the platform is asked whether it arrived before it is sent again',
        nextAttemptAt: Date.now(),
      });
    }
    this.#sessions.apply(this.#settings);
    this.#disposers.push(
      this.store.onDidUpdate((row) => {
        this.#counters.observe(row);
        this.#deliveryTimes.observe(row);
        // Built only for someone listening (an open event stream, the desktop window).
        if (this.#listeners.size > 0) this.#emit({ type: 'recording', item: this.#item(row) });
        this.#statusSoon();
        this.#scheduler.poke();
      }),
      this.#health.onDidChange(() => this.#statusSoon()),
      this.#watcher.onReady((file) => this.#enqueueIntake(file)),
      this.#watcher.onSidecar((sidecar) => this.#sidecarChanged(sidecar.path)),
      this.#watcher.onError((problem) =>
        log.warn(problem.message, problem.path ? { path: problem.path } : {}),
      ),
    );
    this.#applyTimetable();
    const signal = this.#background.signal;
    this.#timers.push(
      setInterval(() => this.#applyTimetable(), 30_000),
      setInterval(() => this.#afterUpload(), 60_000),
      setInterval(() => void this.#poller.poll(signal), this.#options.pollIntervalMs ?? 60_000),
      setInterval(
        () => void this.#heartbeats.beat(signal),
        this.#options.heartbeatIntervalMs ?? 5 * 60_000,
      ),
      setInterval(() => void this.#alarms.check(), this.#options.alarmIntervalMs ?? 30_000),
    );
    for (const timer of this.#timers) timer.unref();
    this.#scheduler.start();
    // Finishes a move or delete that a crash cut short, and catches up on what is due.
    this.#afterUpload();
    // The first heartbeat at once, so that a platform sees the uploader come back.
    void this.#heartbeats.beat(signal);
    await this.#watcher.start();
    await this.#lan.apply(this.#settings.monitoring);
    void this.#alarms.check();
    log.info('Call Courier started', {
      folders: this.#settings.watch.length,
      profiles: this.#settings.profiles.length,
    });
  }

  /** Stops watching and delivering; uploads in flight are cut off and recovered at the next start. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#lan.stop();
    for (const timer of this.#timers) clearInterval(timer);
    this.#background.abort();
    clearTimeout(this.#statusTimer);
    for (const dispose of this.#disposers.splice(0)) dispose();
    await this.#watcher.close();
    this.#intakeRetries.close();
    await this.#intake;
    await this.#scheduler.stop();
    await this.#afterUploadRun;
    await this.#alarms.idle();
    await this.#sessions.closeAll();
    this.store.close();
    await this.#lock.release();
    this.#options.log.info('Call Courier stopped');
  }

  /** Hands a finished file over without waiting for the watcher (a PBX's post-recording hook). */
  async enqueue(path: string): Promise<readonly RecordingItem[]> {
    if (!isAbsolute(path)) {
      throw statusError(400, `"${path}" is not an absolute path: give the recording's full path`);
    }
    if (!watchFolderFor(this.#settings, path)) {
      throw statusError(
        400,
        `${path} is not inside a watch folder, so Call Courier does not know where to send it: add its folder to "watch" in the settings`,
      );
    }
    if (!isRecordingFileName(basename(path))) {
      throw statusError(
        400,
        `${basename(path)} is not a name Call Courier delivers: hidden, temporary and partial files are left alone, and recordings end in ${RECORDING_EXTENSIONS.join(' ')}`,
      );
    }
    const facts = await stat(path).catch(() => undefined);
    if (!facts?.isFile()) {
      throw statusError(404, `${path} is not there (or is not a file)`);
    }
    const file = { path: resolve(path), sizeBytes: facts.size, mtimeMs: facts.mtimeMs };
    let rows: readonly RecordingItem[] = [];
    const queued = this.#intake.then(async () => {
      try {
        const result = await intakeRecording(file, this.#settings, this.store);
        this.#logWarnings(file.path, result.warnings);
        rows = result.rows.map((row) => this.#item(row));
      } catch (error) {
        if (!(error instanceof ContentBeingSentError)) throw error;
        // Its earlier content is on its way: queued once that upload has its hash.
        this.#intakeFailed(file, error);
        rows = this.store.rowsForPath(file.path).map((row) => this.#item(row));
      }
    });
    this.#intake = queued.catch(() => undefined);
    await queued;
    this.#scheduler.poke();
    return rows;
  }

  /**
   * Waits until every file handed to intake so far is in the queue, and the post-upload
   * run in progress (the one at start, or the minute timer's) has finished: for
   * tests, so that what they do next does not race a move of the same recording.
   */
  async settled(): Promise<void> {
    await this.#intake;
    await this.#afterUploadRun;
  }

  /**
   * Resolves the next time the service has nothing to do at once: no file waiting to be found
   * finished or taken in, no upload in flight (the start-up's backlog is through; between two
   * calls). Recordings waiting for a retry or the timetable do not keep it busy.
   */
  quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.#quietWaiters.push(resolve);
      this.#checkQuiet();
    });
  }

  #checkQuiet(): void {
    if (this.#quietWaiters.length === 0) return;
    if (this.#intakePending > 0 || this.#scheduler.busy || this.#watcher.hasPending) return;
    for (const resolve of this.#quietWaiters.splice(0)) resolve();
  }

  /** Asks the platforms once how processing goes (the timer does it every minute). */
  pollProcessing(): Promise<void> {
    return this.#poller.poll(this.#background.signal);
  }

  /** Sends heartbeats once (the timer does it every 5 minutes). */
  sendHeartbeats(): Promise<void> {
    return this.#heartbeats.beat(this.#background.signal);
  }

  /** Checks the alarms once (the timer does it every 30 s). */
  checkAlarms(): Promise<void> {
    return this.#alarms.check();
  }

  /** The diagnostics bundle of this service: settings, queue, status and logs, secrets removed (GET /api/v1/diagnostics). */
  async diagnostics(
    settingsSource = 'the settings this service runs with',
  ): Promise<DiagnosticsBundle> {
    // Loaded when a person asks for a bundle, not by every service at start.
    const { buildDiagnosticsBundle } = await import('./diagnostics/diagnostics-bundle.ts');
    return buildDiagnosticsBundle({
      dataDir: this.#options.dataDir,
      rawSettings: this.#rawSettings,
      settingsSource,
      maskPhoneNumbers: this.masksPhoneNumbers,
      secrets: this.#options.knownSecrets ?? [],
      status: await this.status(),
    });
  }

  /** The Prometheus text for GET /metrics (docs/monitoring/README.md). */
  async metrics(): Promise<string> {
    return prometheusText({
      status: await this.status(),
      queue: this.store.statistics(),
      lastDelivered: this.#deliveryTimes.times(),
      uploads: this.#counters.tallies(),
      build: await buildInfo(),
      startedAt: this.#startedAt,
      now: Date.now(),
    });
  }

  // ---- CourierApi ----

  async status(): Promise<StatusAnswer> {
    const profiles = this.#settings.profiles.map((p) => this.#profileStatus(p));
    const offline = profiles.length > 0 && profiles.every((p) => p.state === 'offline');
    const counts = this.store.counts();
    return {
      state: this.#isPausedByPerson() ? 'paused' : offline ? 'offline' : 'running',
      counts: {
        queued: counts.queued,
        uploading: counts.uploading,
        retrying: counts.retrying,
        uploaded: counts.uploaded,
        processed: counts.processed,
        failed: counts.failed,
        skipped: counts.skipped,
      },
      bytesPerSecond: this.#meter.bytesPerSecond(),
      nextBandwidthChange: bandwidthChange(this.#settings, new Date()),
      profiles,
      alarms: this.#alarms.active(),
    };
  }

  async listRecordings(query: RecordingQuery): Promise<RecordingPage> {
    const page = this.store.list(query);
    return { items: page.items.map((row) => this.#item(row)), nextCursor: page.nextCursor };
  }

  async retry(id: number): Promise<RecordingItem> {
    const row = this.#row(id);
    if (row.status === 'uploading' || row.status === 'queued') return this.#item(row);
    if (row.status === 'uploaded' || row.status === 'processed') {
      throw statusError(409, `recording ${id} was already delivered; nothing to retry`);
    }
    if (row.status === 'failed' && isBlockingCode(row.errorCode)) {
      // Failed for what the file is: look again (it may be fixed, or the settings now allow it).
      const plan = checkPlanFor(this.#settings, row.path);
      const checked = await checkRecording(
        row.path,
        plan.naming,
        plan.destinations.filter((d) => d.id === row.destination),
      );
      const still = checked.problems.filter(isBlocking);
      if (still.length > 0) {
        const why = `${row.fileName} still cannot go to ${row.destination}: ${still.map((p) => p.message).join('; ')}`;
        throw statusError(
          409,
          this.masksPhoneNumbers ? maskPhoneNumbersIn(why, phoneNumbersOf(row.metadata)) : why,
        );
      }
    }
    return this.#item(this.store.requeue(id, 'retried by a person'));
  }

  async skip(id: number): Promise<RecordingItem> {
    const row = this.#row(id);
    if (row.status === 'skipped') return this.#item(row);
    if (row.status === 'uploading') {
      throw statusError(
        409,
        `recording ${id} is being uploaded right now; skip it once this attempt ends`,
      );
    }
    if (row.status === 'uploaded' || row.status === 'processed') {
      throw statusError(409, `recording ${id} was already delivered; it cannot be skipped`);
    }
    return this.#item(this.store.markSkipped(id, 'skipped by a person'));
  }

  async pause(): Promise<void> {
    this.store.setState(PAUSED_KEY, '1');
    this.#pausedByPerson = true;
    this.#options.log.info('delivery paused by a person');
    this.#statusSoon();
  }

  async resume(): Promise<void> {
    this.store.setState(PAUSED_KEY, null);
    this.#pausedByPerson = false;
    this.#options.log.info('delivery resumed by a person');
    this.#statusSoon();
    this.#scheduler.poke();
  }

  async getSettings(): Promise<unknown> {
    return this.#rawSettings;
  }

  async putSettings(raw: unknown): Promise<SettingsUpdate> {
    const gated = gateSettings(raw, this.#options.policy ?? null);
    if (!gated.ok) return gated.refusal;
    const result = validateSettings(gated.effective);
    if (!result.ok) return { ok: false, errors: result.errors };
    const https = await this.#lan.check(result.settings.monitoring);
    if (https !== null)
      return { ok: false, errors: [{ path: 'monitoring.tlsCertificate', message: https }] };
    const before = this.#settings;
    this.#settings = result.settings;
    this.#rawSettings = gated.effective;
    await this.#options.saveSettings?.(raw);
    // Changed profiles get fresh sessions (new credentials, new address) and lose their pause.
    this.#sessions.apply(this.#settings, before);
    await this.#watcher.replaceFolders(this.#settings.watch);
    this.#applyTimetable();
    await this.#lan.apply(this.#settings.monitoring);
    void this.#alarms.check();
    this.#options.log.info('settings changed');
    this.#statusSoon();
    this.#scheduler.poke();
    return { ok: true };
  }

  async policy(): Promise<PolicyInfo> {
    return policyInfo(this.#options.policy ?? null);
  }

  async setSecret(profileId: string, field: string, value: string): Promise<void> {
    const profile = this.#profile(profileId);
    const option = findConnector(profile.connector)?.options.find((o) => o.name === field);
    if (!option?.secret) {
      throw statusError(
        400,
        `"${field}" is not a secret of ${profile.connector} (profile ${profileId})`,
      );
    }
    await this.#options.secrets.set(profileId, field, value);
    this.#options.knownSecrets?.add(value);
    this.#options.log.info(`secret ${profileId}/${field} changed`);
    this.#sessions.reopen(profile);
    this.#scheduler.poke();
  }

  async secretsStored(profileId: string): Promise<Readonly<Record<string, boolean>>> {
    const profile = this.#profile(profileId);
    return secretsStored(this.#options.secrets, profileId, findConnector(profile.connector));
  }

  async connectors(): Promise<readonly ConnectorInfo[]> {
    return connectorInfos();
  }

  async presets(): Promise<readonly PresetInfo[]> {
    return presetInfos();
  }

  async previewName(fileName: string, naming: NamingChoice): Promise<NamePreview> {
    return previewName(fileName, naming);
  }

  async testProfile(id: string): Promise<ConnectionTest> {
    const profile = this.#profile(id);
    const session = this.#sessions.get(id);
    if (!session)
      return { ok: false, message: `${profile.connector} cannot upload yet in this version` };
    try {
      const result = await session.testConnection(AbortSignal.timeout(30_000));
      if (result.ok) {
        this.#health.resume(id);
        this.#scheduler.poke();
      }
      return result;
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  async workstations(): Promise<readonly WorkstationRow[]> {
    return this.#supervisor.rows();
  }

  async addWorkstation(workstation: NewWorkstation): Promise<WorkstationInfo> {
    return this.#supervisor.add(workstation);
  }

  async removeWorkstation(id: string): Promise<void> {
    return this.#supervisor.remove(id);
  }

  async monitoring(): Promise<MonitoringInfo> {
    return this.#lan.info();
  }

  onEvent(listener: (event: CourierEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- internals ----

  #enqueueIntake(file: ReadyFile): void {
    this.#intakePending += 1;
    // Read while the files found before it are (INTAKE_AHEAD at a time), and queued after
    // them, in the order found.
    this.#intake = readAheadWriteInTurn(
      this.#examining,
      this.#intake,
      () => examineForIntake(file, this.#settings, this.store),
      async (examined) => {
        const { rows, warnings } = await enqueueExamined(examined, this.store);
        this.#intakeRetries.succeeded(file.path);
        this.#logWarnings(file.path, warnings);
        if (rows.length > 0) this.#scheduler.poke();
      },
    )
      .catch((error: unknown) => this.#intakeFailed(file, error))
      .finally(() => {
        this.#intakePending -= 1;
        if (this.#intakePending === 0) trimSpareBuffers();
        this.#checkQuiet();
      });
  }

  /**
   * The queue could not take a recording (a full disk, an I/O error): said once, tried again
   * later. One that must wait for an upload's hash (ContentBeingSentError) is tried again
   * just the same, and said as news, not as an error.
   */
  #intakeFailed(file: ReadyFile, error: unknown): void {
    if (this.#stopping || !this.#intakeRetries.failed(file)) return;
    const again = `tried again every ${this.#intakeRetries.delaySeconds} s`;
    if (error instanceof ContentBeingSentError) {
      this.#options.log.info(`${file.path} waits to be queued: ${error.message}; it is ${again}`);
      return;
    }
    this.#options.log.error(
      isStorageFull(error)
        ? `the data folder ${this.#options.dataDir} is full, so ${file.path} could not be queued: free some space on that disk; it is ${again}`
        : `${file.path} could not be queued: ${(error as Error).message}; it is ${again}`,
    );
  }

  /** Tries a recording again if it is still as it was; a changed one is reported again by the watcher. */
  async #retryIntake(file: ReadyFile): Promise<void> {
    const facts = await stat(file.path).catch(() => null);
    if (facts?.size === file.sizeBytes && facts.mtimeMs === file.mtimeMs) {
      this.#enqueueIntake(file);
    } else {
      this.#intakeRetries.succeeded(file.path);
    }
  }

  /** A sidecar settled: after the intake queued so far, its recordings' call details are read again. */
  #sidecarChanged(path: string): void {
    this.#intake = this.#intake
      .then(() => this.#metadata.sidecarChanged(path, this.#background.signal))
      .catch((error: unknown) =>
        this.#options.log.warn(`${path} could not be read: ${(error as Error).message}`),
      );
  }

  #logWarnings(path: string, warnings: readonly Problem[]): void {
    for (const warning of warnings) {
      this.#options.log.warn(
        `${path}: ${warning.message}`,
        warning.destination ? { destination: warning.destination } : {},
      );
    }
  }

  #applyTimetable(): void {
    const allowance = allowanceAt(this.#settings.upload, new Date());
    this.#limiter.setRate(allowance.bytesPerSecond);
    if (allowance.paused !== this.#heldByTimetable) {
      this.#heldByTimetable = allowance.paused;
      this.#options.log.info(
        allowance.paused
          ? 'the upload timetable pauses delivery now'
          : 'the upload timetable allows delivery again',
      );
      this.#scheduler.poke();
    }
  }

  /** Runs the post-upload action after the run in progress, if one is not already waiting. */
  #afterUpload(): void {
    if (this.#afterUploadAsked || this.#settings.upload.afterUpload.action === 'keep') return;
    this.#afterUploadAsked = true;
    this.#afterUploadRun = this.#afterUploadRun.then(async () => {
      this.#afterUploadAsked = false;
      if (this.#stopping) return;
      await runAfterUpload(this.store, this.#settings, Date.now(), this.#options.log).catch(
        (error: unknown) =>
          this.#options.log.error(`the post-upload action failed: ${(error as Error).message}`),
      );
    });
  }

  #progress(id: number, sent: number, size: number): void {
    this.#meter.add(sent - (this.#lastSent.get(id) ?? 0));
    this.#lastSent.set(id, sent);
    if (sent >= size) this.#lastSent.delete(id);
    this.#emit({ type: 'progress', id, sentBytes: sent, sizeBytes: size });
  }

  #profileStatus(profile: Profile): ProfileStatus {
    const state = this.#health.state(profile.id);
    const label = profile.label ?? findConnector(profile.connector)?.label ?? profile.connector;
    const base = { id: profile.id, connector: profile.connector, label };
    if (!this.#sessions.get(profile.id)) {
      return { ...base, state: 'paused', message: `${label} cannot upload yet in this version` };
    }
    if (state.kind === 'active') return { ...base, state: 'active' };
    return { ...base, state: state.kind, message: state.message };
  }

  #statusSoon(): void {
    if (this.#statusTimer || this.#listeners.size === 0) return;
    this.#statusTimer = setTimeout(() => {
      this.#statusTimer = undefined;
      void this.status().then((status) => this.#emit({ type: 'status', status }));
    }, 250);
    this.#statusTimer.unref();
  }

  /** Whether client phone numbers are masked in what the service shows (settings `privacy`). */
  get masksPhoneNumbers(): boolean {
    return this.#settings.privacy?.maskPhoneNumbers === true;
  }

  /** A queue row as the API and events show it, phone numbers masked when the settings say so. */
  #item(row: RecordingRow): RecordingItem {
    const item = recordingItem(row);
    return this.masksPhoneNumbers ? maskedRecordingItem(item) : item;
  }

  #emit(event: CourierEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  /** Kept in memory: the scheduler asks before every claim, and only this service writes it. */
  #isPausedByPerson(): boolean {
    this.#pausedByPerson ??= this.store.getState(PAUSED_KEY) === '1';
    return this.#pausedByPerson;
  }

  #row(id: number) {
    const row = this.store.get(id);
    if (!row) throw statusError(404, `no recording ${id}`);
    return row;
  }

  #profile(id: string): Profile {
    const profile = this.#settings.profiles.find((p) => p.id === id);
    if (!profile) throw statusError(404, `no profile "${id}"`);
    return profile;
  }
}

/** The timetable's next change, as the status answer says it. */
function bandwidthChange(settings: Settings, now: Date): BandwidthChange | null {
  const next = nextAllowanceChange(settings.upload, now);
  return (
    next && { at: next.at.toISOString(), bytesPerSecond: next.bytesPerSecond, paused: next.paused }
  );
}

/** An error the HTTP transport answers with its status code. */
function statusError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}
