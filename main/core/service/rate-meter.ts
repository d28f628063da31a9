/** Measures the upload rate over the last few seconds from progress reports. */
export class RateMeter {
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #samples: { at: number; bytes: number }[] = [];

  constructor(windowMs = 5_000, now: () => number = Date.now) {
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Records bytes just sent. */
  add(bytes: number): void {
    if (bytes > 0) this.#samples.push({ at: this.#now(), bytes });
    this.#trim();
  }

  /** Bytes per second over the window. */
  bytesPerSecond(): number {
    this.#trim();
    const total = this.#samples.reduce((sum, s) => sum + s.bytes, 0);
    return Math.round(total / (this.#windowMs / 1000));
  }

  #trim(): void {
    const cutoff = this.#now() - this.#windowMs;
    while (this.#samples.length > 0 && (this.#samples[0]?.at ?? 0) < cutoff) this.#samples.shift();
  }
}
