import type { ReadyFile } from '../intake/intake-recording.ts';

/**
 * Recordings that could not be queued for want of the queue itself (a full disk, an I/O
 * error): handed back for another try a while later, until one succeeds. The watcher
 * reports a file once, so without this such a recording would wait for the next restart.
 */
export class IntakeRetries {
  readonly #retry: (file: ReadyFile) => void;
  readonly #delayMs: number;
  /** Every file waiting for a successful intake, by path. */
  readonly #waiting = new Map<string, ReadyFile>();
  /** Files handed back at the next tick. */
  readonly #due = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(retry: (file: ReadyFile) => void, delayMs: number) {
    this.#retry = retry;
    this.#delayMs = delayMs;
  }

  /** Seconds between tries, for messages. */
  get delaySeconds(): number {
    return Math.round(this.#delayMs / 1000);
  }

  /** Queues another try of the file; true when it was not waiting already (tell a person once). */
  failed(file: ReadyFile): boolean {
    const first = !this.#waiting.has(file.path);
    this.#waiting.set(file.path, file);
    this.#due.add(file.path);
    this.#timer ??= setTimeout(() => this.#tick(), this.#delayMs).unref();
    return first;
  }

  /** The file was queued: it waits no more. */
  succeeded(path: string): void {
    this.#waiting.delete(path);
    this.#due.delete(path);
  }

  /** Stops trying. */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#waiting.clear();
    this.#due.clear();
  }

  #tick(): void {
    this.#timer = undefined;
    const due = [...this.#due];
    this.#due.clear();
    for (const path of due) {
      const file = this.#waiting.get(path);
      if (file) this.#retry(file);
    }
  }
}
