import type { SftpChannel } from './sftp-channel.ts';
import { isClosed } from './sftp-files.ts';

/** How many writes may wait for the server's answer at once: enough to keep a distant link busy. */
const IN_FLIGHT = 16;

/**
 * Writes pieces of a file into an open SFTP handle, one after the other, keeping several in
 * flight so that a slow round trip does not throttle the upload, and reports the bytes the
 * server acknowledged. Each piece is the caller's again once its write is answered (ssh2 may
 * still read from it until then). The first failed write, the connection closing or the
 * signal fails the writer at once, even while the caller waits on something else
 * (`during`). Closing the handle is the caller's job.
 */
export class RemoteFileWriter {
  readonly #sftp: SftpChannel;
  readonly #handle: Buffer;
  readonly #onAcknowledged: (bytes: number) => void;
  readonly #signal: AbortSignal;
  readonly #onClose = (): void => this.#fail(new Error('the connection closed'));
  readonly #onAbort = (): void => this.#fail(this.#signal.reason as Error);
  #position = 0;
  #acknowledged = 0;
  #inFlight = 0;
  #failure: Error | undefined;
  /** Wakes the caller waiting for an answer or a failure. */
  #wake: (() => void) | undefined;
  /** Fails the caller's wait in `during`. */
  #interrupt: ((error: Error) => void) | undefined;

  constructor(
    sftp: SftpChannel,
    handle: Buffer,
    onAcknowledged: (bytes: number) => void,
    signal: AbortSignal,
  ) {
    this.#sftp = sftp;
    this.#handle = handle;
    this.#onAcknowledged = onAcknowledged;
    this.#signal = signal;
    sftp.once('close', this.#onClose);
    if (signal.aborted) this.#onAbort();
    else signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /**
   * Sends the first `length` bytes of `piece` next; resolves when another piece may be sent.
   * `answered` is called once the server has answered this write: `piece` is free again.
   */
  async send(piece: Buffer, length: number, answered: () => void): Promise<void> {
    this.#check();
    if (isClosed(this.#sftp)) throw new Error('the connection closed');
    const position = this.#position;
    this.#position += length;
    this.#inFlight += 1;
    this.#sftp.write(this.#handle, piece, 0, length, position, (error) => {
      this.#inFlight -= 1;
      answered();
      if (error) {
        this.#fail(error);
        return;
      }
      this.#acknowledged += length;
      this.#onAcknowledged(this.#acknowledged);
      this.#notify();
    });
    while (this.#inFlight >= IN_FLIGHT && this.#failure === undefined) await this.#answer();
    this.#check();
  }

  /** Waits for `work` (the bandwidth limit), unless the writer fails first. */
  during<T>(work: Promise<T>): Promise<T> {
    this.#check();
    return new Promise<T>((resolve, reject) => {
      this.#interrupt = reject;
      work.then(
        (value) => {
          this.#interrupt = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.#interrupt = undefined;
          reject(error as Error);
        },
      );
    });
  }

  /** Resolves once every write has been answered; rejects with the first failure. */
  async finish(): Promise<void> {
    while (this.#inFlight > 0 && this.#failure === undefined) await this.#answer();
    this.#check();
  }

  /** Stops following the connection and the signal. */
  dispose(): void {
    this.#sftp.off('close', this.#onClose);
    this.#signal.removeEventListener('abort', this.#onAbort);
  }

  /** Waits for the next answer or failure (one waiter at a time: the caller sends in turn). */
  #answer(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    this.#interrupt?.(this.#failure);
    this.#interrupt = undefined;
    this.#notify();
  }

  #check(): void {
    if (this.#failure) throw this.#failure;
  }
}
