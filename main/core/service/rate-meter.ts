/**
 * Measures the upload rate over the last few seconds from progress reports. Bytes are summed
 * in tenth-of-a-second buckets (a ring of them), so a report costs the same however fast the
 * upload goes: a 2 GiB file reports tens of thousands of chunks in the window.
 */
export class RateMeter {
  readonly #windowMs: number;
  readonly #bucketMs: number;
  readonly #now: () => number;
  readonly #buckets: Float64Array;
  /** The number (time / bucket length) of the newest bucket in the ring. */
  #newest = 0;

  constructor(windowMs = 5_000, now: () => number = Date.now, bucketMs = 100) {
    this.#windowMs = windowMs;
    this.#bucketMs = bucketMs;
    this.#now = now;
    this.#buckets = new Float64Array(Math.max(1, Math.ceil(windowMs / bucketMs)));
    this.#newest = Math.floor(now() / bucketMs);
  }

  /** Records bytes just sent. */
  add(bytes: number): void {
    if (bytes <= 0) return;
    const slot = this.#advance() % this.#buckets.length;
    this.#buckets[slot] = (this.#buckets[slot] ?? 0) + bytes;
  }

  /** Bytes per second over the window. */
  bytesPerSecond(): number {
    this.#advance();
    const total = this.#buckets.reduce((sum, bytes) => sum + bytes, 0);
    return Math.round(total / (this.#windowMs / 1000));
  }

  /** Empties the buckets that have left the window since the last call; answers the current one. */
  #advance(): number {
    const current = Math.floor(this.#now() / this.#bucketMs);
    const size = this.#buckets.length;
    if (current - this.#newest >= size) this.#buckets.fill(0);
    else for (let b = this.#newest + 1; b <= current; b += 1) this.#buckets[b % size] = 0;
    this.#newest = Math.max(this.#newest, current);
    return this.#newest;
  }
}
