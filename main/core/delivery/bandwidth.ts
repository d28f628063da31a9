import { Transform, type TransformCallback } from 'node:stream';

/**
 * One token bucket shared by every upload, so that the limit holds for the whole
 * program however many files are in flight. The rate can change at any time.
 */
export class BandwidthLimiter {
  #bytesPerSecond: number | null;
  #available = 0;
  readonly #now: () => number;
  #lastRefill: number;

  constructor(bytesPerSecond: number | null, now: () => number = Date.now) {
    this.#bytesPerSecond = bytesPerSecond;
    this.#now = now;
    this.#lastRefill = now();
  }

  /** The limit in force, in bytes per second; null when unlimited. */
  get bytesPerSecond(): number | null {
    return this.#bytesPerSecond;
  }

  /** Changes the limit; uploads in flight follow it from their next chunk. */
  setRate(bytesPerSecond: number | null): void {
    this.#refill();
    this.#bytesPerSecond = bytesPerSecond;
    if (bytesPerSecond !== null) this.#available = Math.min(this.#available, bytesPerSecond);
  }

  /** Milliseconds to wait before `bytes` may be sent, taking them from the bucket. */
  take(bytes: number): number {
    const rate = this.#bytesPerSecond;
    if (rate === null) return 0;
    this.#refill();
    this.#available -= bytes;
    return this.#available >= 0 ? 0 : Math.ceil((-this.#available / rate) * 1000);
  }

  /** A stream that passes data through at the shared rate. */
  throttle(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _encoding, done: TransformCallback) => {
        const wait = this.take(chunk.length);
        if (wait === 0) done(null, chunk);
        else setTimeout(() => done(null, chunk), wait);
      },
    });
  }

  #refill(): void {
    const now = this.#now();
    const rate = this.#bytesPerSecond;
    if (rate !== null) {
      // At most one second of burst.
      this.#available = Math.min(rate, this.#available + ((now - this.#lastRefill) / 1000) * rate);
    }
    this.#lastRefill = now;
  }
}
