import { Writable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';
import { isClosed } from './sftp-files.ts';

/** How many writes may wait for the server's answer at once: enough to keep a distant link busy. */
const IN_FLIGHT = 16;

/**
 * A Writable into an open SFTP file handle that keeps several writes in flight, so a slow
 * round trip does not throttle the upload, and reports the bytes the server acknowledged.
 * It never holds more than IN_FLIGHT chunks. The first failed write, or the connection
 * closing, destroys it at once (even while its source is paused). Closing the handle is
 * the caller's job.
 */
export class RemoteFileWriter extends Writable {
  readonly #sftp: SFTPWrapper;
  readonly #handle: Buffer;
  readonly #onAcknowledged: (bytes: number) => void;
  readonly #onClose = (): void => this.#fail(new Error('the connection closed'));
  #position = 0;
  #acknowledged = 0;
  #inFlight = 0;
  /** A write or final callback waiting for the number of writes in flight to drop. */
  #waiting: (() => void) | undefined;
  #waitingForAll = false;

  constructor(sftp: SFTPWrapper, handle: Buffer, onAcknowledged: (bytes: number) => void) {
    super({ highWaterMark: 64 * 1024 });
    this.#sftp = sftp;
    this.#handle = handle;
    this.#onAcknowledged = onAcknowledged;
    sftp.once('close', this.#onClose);
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    if (isClosed(this.#sftp)) return callback(new Error('the connection closed'));
    const position = this.#position;
    this.#position += chunk.length;
    this.#inFlight += 1;
    this.#sftp.write(this.#handle, chunk, 0, chunk.length, position, (error) => {
      this.#inFlight -= 1;
      if (error) return this.#fail(error);
      this.#acknowledged += chunk.length;
      this.#onAcknowledged(this.#acknowledged);
      this.#wake();
    });
    if (this.#inFlight < IN_FLIGHT) callback();
    else this.#waiting = () => callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (this.#inFlight === 0) {
      this.#sftp.off('close', this.#onClose);
      return callback();
    }
    this.#waitingForAll = true;
    this.#waiting = () => callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#sftp.off('close', this.#onClose);
    this.#waiting = undefined;
    callback(error);
  }

  #fail(error: Error): void {
    if (!this.destroyed) this.destroy(error);
  }

  #wake(): void {
    const waiting = this.#waiting;
    if (waiting === undefined || this.destroyed) return;
    if (this.#waitingForAll ? this.#inFlight > 0 : this.#inFlight >= IN_FLIGHT) return;
    this.#waiting = undefined;
    if (this.#waitingForAll) this.#sftp.off('close', this.#onClose);
    waiting();
  }
}
