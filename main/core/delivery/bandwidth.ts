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

  /**
   * The most an upload should hand the connection at once: a tenth of a second of the limit
   * (16 KiB at least), so that what leaves at the line's speed stays small beside a call;
   * null without a limit.
   */
  pieceBytes(): number | null {
    const rate = this.#bytesPerSecond;
    return rate === null ? null : Math.max(16 * 1024, Math.floor(rate / 10));
  }

  /**
   * Waits until `bytes` more may be sent at the shared rate (at once without a limit). An
   * upload calls it before each piece it sends, so a limit set mid-upload holds from the next.
   */
  pace(bytes: number): Promise<void> {
    const wait = this.take(bytes);
    return wait === 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, wait));
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
