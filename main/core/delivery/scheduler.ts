import { stat } from 'node:fs/promises';
import type { ConnectorSession, UploadJob, UploadReceipt } from '../connectors/connector.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  SkipError,
  TransientError,
} from '../connectors/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { QueueStore, RecordingRow } from '../store/queue-store.ts';
import type { DestinationHealth } from './destination-health.ts';
import { retryDelayMs } from './retry-policy.ts';

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
}

/** Error codes a row keeps while it waits, so the next attempt knows what happened. */
export const UNCERTAIN = 'uncertain';

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

  constructor(options: SchedulerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Uploads in flight. */
  get activeCount(): number {
    return this.#running.size;
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
    }
    const wakes = [store.nextWakeAt(), health.nextProbeAt()].filter((t): t is number => t !== null);
    // Wake at the next retry or probe, and at least every minute (the timetable may change).
    const next = Math.min(now + 60_000, ...wakes);
    this.#timer = setTimeout(() => this.#pump(), Math.max(50, next - now));
    this.#timer.unref();
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
      .catch((error: unknown) =>
        this.#options.log.error('delivery bookkeeping failed', {
          id: row.id,
          error: String(error),
        }),
      )
      .finally(() => {
        this.#running.delete(row.id);
        this.poke();
      });
    this.#running.set(row.id, { destination: row.destination, controller, done });
  }

  async #attempt(row: RecordingRow, signal: AbortSignal): Promise<void> {
    const session = this.#options.session(row.destination);
    let uncertain = row.errorCode === UNCERTAIN;
    try {
      if (!session)
        throw new ConfigurationError(`no destination "${row.destination}" is configured`);
      const job = uploadJob(row);
      if (uncertain && session.lookup) {
        // The last attempt may have reached the platform: ask before sending again.
        const found = await session.lookup(job, signal);
        if (found) {
          this.#delivered(row, found, 'found on the platform after an uncertain attempt');
          return await this.#afterDelivered(row, found, signal);
        }
        uncertain = false;
      }
      await assertUnchanged(row);
      const receipt = await session.upload(job, signal, (sent) =>
        this.#options.onProgress?.(row.id, sent, row.sizeBytes),
      );
      this.#delivered(row, receipt, 'uploaded');
      await this.#afterDelivered(row, receipt, signal);
    } catch (error) {
      if (signal.aborted && this.#stopped) return; // shutting down: the row stays `uploading` and is recovered on start
      this.#settleFailure(row, error, uncertain);
    }
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

  #settleFailure(row: RecordingRow, error: unknown, uncertain: boolean): void {
    const { store, health, log } = this.#options;
    const now = this.#now();
    const message = error instanceof Error ? error.message : String(error);
    const fields = { id: row.id, destination: row.destination, attempt: row.attempts };
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

/** The recording vanished or changed under us before it was sent. */
class FileGoneError extends Error {}

async function assertUnchanged(row: RecordingRow): Promise<void> {
  try {
    const facts = await stat(row.path);
    if (facts.size !== row.sizeBytes) {
      throw new TransientError(
        'the recording changed since it was examined; it will be examined again',
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FileGoneError(
        'the recording was deleted or moved before it was sent: nothing to deliver',
      );
    }
    throw error;
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
