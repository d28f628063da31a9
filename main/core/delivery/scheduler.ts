import type { ConnectorSession, UploadJob, UploadReceipt } from '../connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  SkipError,
  TransientError,
} from '../connectors/errors.ts';
import { crashPoint } from '../crash-point.ts';
import type { Logger } from '../log/logger.ts';
import { sha256File } from '../intake/content-hash.ts';
import type { QueueStore, RecordingRow } from '../store/queue-store.ts';
import { hashPending } from '../store/recording-row.ts';
import type { DestinationHealth } from './destination-health.ts';
import {
  changedMessage,
  changeSinceIntake,
  FileChangedError,
  FileGoneError,
} from './file-since-intake.ts';
import { retryDelayMs } from './retry-policy.ts';
import { SentContentHash } from './sent-content-hash.ts';

/** What the scheduler needs from the service around it. */
export interface SchedulerOptions {
  readonly store: QueueStore;
  readonly health: DestinationHealth;
  /** The open session of a destination, or undefined when it has none (unknown profile, no uploader). */
  readonly session: (destination: string) => ConnectorSession | undefined;
  readonly limits: () => { readonly concurrency: number; readonly perDestination: number };
  /** True while nothing may start: paused by a person or by the timetable. */
  readonly isHeld: () => boolean;
  readonly onProgress?: (id: number, sentBytes: number, sizeBytes: number) => void;
  /** Runs after a recording is confirmed delivered (sending its call details); must not throw. */
  readonly afterDelivered?: (
    row: RecordingRow,
    receipt: UploadReceipt,
    signal: AbortSignal,
  ) => Promise<void>;
  readonly log: Logger;
  readonly now?: () => number;
  /** True for a recording the platform may have already (the queue that knew was lost): asked before the first send. */
  readonly mayHaveArrived?: (row: RecordingRow) => boolean;
  /** Called whenever a look at the queue started nothing and nothing is in flight. */
  readonly onIdle?: () => void;
}

/** How soon the queue is looked at again after it could not be written. */
const QUEUE_TROUBLE_RETRY_MS = 5_000;

/** Error codes a row keeps while it waits, so the next attempt knows what happened. */
export const UNCERTAIN = 'uncertain';

/** How long a recording that changed on disk waits before it is looked at again, at most. */
const CHANGED_RECHECK_MS = 60_000;

/**
 * Starts uploads whenever a slot, the destination's health and the timetable allow. Every
 * attempt is claimed in the store (written as `uploading`) before its first byte is sent,
 * and settled there from the connector's typed error.
 */
export class DeliveryScheduler {
  readonly #options: SchedulerOptions;
  readonly #now: () => number;
  readonly #running = new Map<
    number,
    { destination: string; controller: AbortController; done: Promise<void> }
  >();
  #timer: NodeJS.Timeout | undefined;
  /** A look at the queue is already asked for on the next turn of the event loop. */
  #pumpSoon = false;
  #stopped = true;
  /** Rows whose attempt ended but could not be written (a full disk); settled as uncertain later. */
  readonly #unsettled = new Set<number>();
  /** Why the queue could not be written at the last look, said once. */
  #queueTrouble: string | undefined;

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Uploads in flight. */
  get activeCount(): number {
    return this.#running.size;
  }

  /** Uploads are in flight, or a look at the queue that may start some is due. */
  get busy(): boolean {
    return this.#running.size > 0 || this.#pumpSoon;
  }

  /** Starts delivering. */
  start(): void {
    this.#stopped = false;
    this.poke();
  }

  /**
   * Something changed (new recordings, settings, health): start what can start. Pokes before
   * the next turn of the event loop share one look at the queue (a scan may poke per file).
   */
  poke(): void {
    if (this.#stopped || this.#pumpSoon) return;
    this.#pumpSoon = true;
    setImmediate(() => {
      this.#pumpSoon = false;
      this.#pump();
    });
  }

  /** Stops starting uploads and aborts those in flight; their rows stay `uploading` for recovery. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    const running = [...this.#running.values()];
    for (const { controller } of running) controller.abort();
    await Promise.allSettled(running.map((r) => r.done));
  }

  /** Aborts the upload of one row, if it is in flight (a person skipped it). */
  abort(id: number): void {
    this.#running.get(id)?.controller.abort();
  }

  #pump(): void {
    if (this.#stopped) return;
    clearTimeout(this.#timer);
    const { store, health, limits, isHeld } = this.#options;
    const now = this.#now();
    let wakes: number[];
    try {
      this.#settleUnsettled(now);
      if (!isHeld()) {
        const { concurrency, perDestination } = limits();
        while (this.#running.size < concurrency) {
          const row = store.claimNext(now, (destination) =>
            this.#eligible(destination, now, perDestination),
          );
          if (!row) break;
          health.started(row.destination);
          this.#run(row);
        }
        // Every upload running: nothing can start before one ends, and each that ends looks
        // again. The queue is not asked when to wake (a backlog would ask once a recording).
        if (this.#running.size >= concurrency) {
          this.#queueTrouble = undefined;
          return;
        }
      }
      wakes = [store.nextWakeAt(), health.nextProbeAt()].filter((t): t is number => t !== null);
      this.#queueTrouble = undefined;
    } catch (error) {
      // The queue cannot be written (a full disk): look again soon, say so once.
      const message = (error as Error).message;
      if (this.#queueTrouble !== message) {
        this.#options.log.error(
          `the queue cannot be written (${message}): nothing is sent until it can; tried again every ${QUEUE_TROUBLE_RETRY_MS / 1000} s`,
        );
      }
      this.#queueTrouble = message;
      wakes = [now + QUEUE_TROUBLE_RETRY_MS];
    }
    // Wake at the next retry or probe, and at least every minute (the timetable may change).
    const next = Math.min(now + 60_000, ...wakes);
    this.#timer = setTimeout(() => this.#pump(), Math.max(50, next - now));
    this.#timer.unref();
    if (this.#running.size === 0) this.#options.onIdle?.();
  }

  /** Rows left `uploading` by a write that failed: the platform is asked, as after a crash. */
  #settleUnsettled(now: number): void {
    const { store } = this.#options;
    for (const id of [...this.#unsettled]) {
      // Throws while the queue still cannot be written: the row stays here for the next look.
      if (store.get(id)?.status === 'uploading') {
        store.markRetrying(id, {
          code: UNCERTAIN,
          message:
            'how the last attempt ended could not be written; the platform is asked whether it arrived before it is sent again',
          nextAttemptAt: now,
        });
      }
      this.#unsettled.delete(id);
    }
  }

  #eligible(destination: string, now: number, perDestination: number): boolean {
    if (!this.#options.session(destination) || !this.#options.health.canSend(destination, now))
      return false;
    let inFlight = 0;
    for (const r of this.#running.values()) if (r.destination === destination) inFlight += 1;
    return inFlight < perDestination;
  }

  #run(row: RecordingRow): void {
    const controller = new AbortController();
    const done = this.#attempt(row, controller.signal)
      .catch((error: unknown) => {
        this.#unsettled.add(row.id);
        this.#options.log.error(
          `${row.fileName}: how the upload ended could not be written to the queue (${(error as Error).message}); the platform is asked before it is sent again`,
          { id: row.id },
        );
      })
      .finally(() => {
        this.#running.delete(row.id);
        this.poke();
      });
    this.#running.set(row.id, { destination: row.destination, controller, done });
  }

  async #attempt(row: RecordingRow, signal: AbortSignal): Promise<void> {
    const session = this.#options.session(row.destination);
    let uncertain =
      row.errorCode === UNCERTAIN ||
      (row.attempts === 1 && (this.#options.mayHaveArrived?.(row) ?? false));
    try {
      if (!session)
        throw new ConfigurationError(`no destination "${row.destination}" is configured`);
      const hashFirst = hashPending(row) && !session.hashesWhileSending;
      const askFirst = uncertain && session.lookup !== undefined;
      // On the usual path the file is looked at while the claim is flushed (below).
      const lookedAt = hashFirst || askFirst ? undefined : changeSinceIntake(row);
      lookedAt?.catch(() => undefined); // awaited below, unless the flush fails first
      // The claim reaches the disk before anything is sent because of it.
      await this.#options.store.flushed();
      let job = uploadJob(row);
      if (hashFirst) job = { ...job, sha256: await this.#hashBeforeSending(row) };
      if (uncertain && session.lookup) {
        // The last attempt may have reached the platform: ask before sending again.
        const found = await session.lookup(job, signal);
        if (found) {
          this.#delivered(row, found, 'found on the platform after an uncertain attempt');
          return await this.#afterDelivered(row, found, signal);
        }
        uncertain = false;
      }
      // What is sent must be what intake examined: not a file replaced or grown since.
      const change = await (lookedAt ?? changeSinceIntake(row));
      if (change) throw change;
      // A big recording's hash is learnt from its upload, which reads the file anyway.
      const hashing = hashPending(job) ? new SentContentHash() : undefined;
      crashPoint('upload-intent');
      const receipt = await session.upload(hashing ? { ...job, hashing } : job, signal, (sent) =>
        this.#options.onProgress?.(row.id, sent, row.sizeBytes),
      );
      crashPoint('upload-answered');
      const sentHash = hashing?.digest(row.sizeBytes);
      const sent = sentHash === undefined ? row : { ...row, sha256: sentHash };
      // Changed while it was read: the platform's copy may be cut short or mixed.
      if ((await changeSinceIntake(sent).catch(() => undefined)) instanceof FileChangedError) {
        throw new FileChangedError(receipt.remoteId);
      }
      if (sentHash !== undefined) this.#options.store.fillContentHash(row.id, sentHash);
      this.#delivered(row, receipt, 'uploaded');
      await this.#afterDelivered(sent, receipt, signal);
    } catch (error) {
      if (signal.aborted && this.#stopped) return; // shutting down: the row stays `uploading` and is recovered on start
      // A failure while the file was deleted or changed is the file's doing, not the platform's.
      const fileTrouble =
        error instanceof FileGoneError || error instanceof FileChangedError
          ? undefined
          : await changeSinceIntake(row).catch(() => undefined);
      this.#settleFailure(row, fileTrouble ?? error, uncertain);
    }
  }

  /**
   * The hash of a recording that intake left to its upload, for a destination whose upload
   * cannot learn it (it needs the hash to send, as Tethr's session id does): read now, as
   * intake would have, and stored, from the file as intake saw it.
   */
  async #hashBeforeSending(row: RecordingRow): Promise<string> {
    const before = await changeSinceIntake(row);
    if (before) throw before;
    const sha256 = await sha256File(row.path);
    const after = await changeSinceIntake(row);
    if (after) throw after;
    this.#options.store.fillContentHash(row.id, sha256);
    return sha256;
  }

  async #afterDelivered(row: RecordingRow, receipt: UploadReceipt, signal: AbortSignal) {
    await this.#options.afterDelivered?.(row, receipt, signal).catch((error: unknown) =>
      this.#options.log.error('the after-delivery step failed', {
        id: row.id,
        error: String(error),
      }),
    );
  }

  #delivered(row: RecordingRow, receipt: UploadReceipt, how: string): void {
    this.#options.store.markUploaded(row.id, receipt);
    this.#options.health.succeeded(row.destination);
    this.#options.log.info(`${row.fileName} ${how}`, {
      id: row.id,
      destination: row.destination,
      remoteId: receipt.remoteId,
    });
  }

  /**
   * The file changed under the row: the row's content is not sent (again). When intake has
   * already queued the new content as a row of its own, this one is skipped; otherwise it
   * waits, and the watcher's report of the settled file gives it the new content. The
   * platform is not to blame, so the destination's health does not suffer.
   */
  #settleChanged(row: RecordingRow, error: FileChangedError, now: number): void {
    const { store, health, log } = this.#options;
    if (error.remoteId !== undefined) health.succeeded(row.destination);
    const fields = { id: row.id, destination: row.destination, attempt: row.attempts };
    const newer = store
      .rowsForPath(row.path)
      .some((r) => r.destination === row.destination && r.id > row.id);
    const message = changedMessage(error.remoteId, newer);
    if (newer) {
      store.markSkipped(row.id, message, 'changed');
      log.info(`${row.fileName}: ${message}`, fields);
      return;
    }
    // Said once: a call still being recorded is looked at again every minute, maybe for hours.
    if (row.errorCode !== 'changed' || error.remoteId !== undefined)
      log.warn(`${row.fileName}: ${message}`, fields);
    store.markRetrying(row.id, {
      message,
      code: 'changed',
      nextAttemptAt: now + CHANGED_RECHECK_MS,
    });
  }

  #settleFailure(row: RecordingRow, error: unknown, uncertain: boolean): void {
    const { store, health, log } = this.#options;
    const now = this.#now();
    const message = error instanceof Error ? error.message : String(error);
    const fields = { id: row.id, destination: row.destination, attempt: row.attempts };
    if (error instanceof FileChangedError) {
      this.#settleChanged(row, error, now);
      return;
    }
    if (error instanceof RejectedError || error instanceof FileGoneError) {
      health.succeeded(row.destination);
      store.markFailed(row.id, {
        code: error instanceof RejectedError ? 'rejected' : 'unreadable',
        message,
      });
      log.warn(`${row.fileName} failed: ${message}`, fields);
      return;
    }
    if (error instanceof SkipError) {
      health.succeeded(row.destination);
      store.markSkipped(row.id, message, 'declined');
      log.info(`${row.fileName} skipped: ${message}`, fields);
      return;
    }
    if (error instanceof AuthError || error instanceof ConfigurationError) {
      health.pause(row.destination, message);
      const code = uncertain ? UNCERTAIN : error instanceof AuthError ? 'auth' : 'configuration';
      store.markRetrying(row.id, { message, code, nextAttemptAt: now });
      log.warn(`${row.destination} paused: ${message}`, fields);
      return;
    }
    const transient = error instanceof TransientError ? error : undefined;
    health.failedTransiently(row.destination, message, now);
    const delay = retryDelayMs(row.attempts, transient?.retryAfterMs);
    store.markRetrying(row.id, {
      message: transient ? message : `unexpected error: ${message}`,
      code: uncertain || transient?.uncertain ? UNCERTAIN : 'transient',
      nextAttemptAt: now + delay,
    });
    log.warn(
      `${row.fileName} will be retried in ${Math.round(delay / 1000)} s: ${message}`,
      fields,
    );
  }
}

/** The job a connector is given for a queue row. */
export function uploadJob(row: RecordingRow): UploadJob {
  return {
    id: row.id,
    path: row.path,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    audio: row.audio,
    metadata: row.metadata,
    attempt: row.attempts,
  };
}
