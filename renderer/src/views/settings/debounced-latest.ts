/** What a debounced request ended in: the answer to the latest input, or why it failed. */
export type LatestResult<I, O> =
  | { readonly ok: true; readonly input: I; readonly value: O }
  | { readonly ok: false; readonly input: I; readonly error: unknown };

/** Sends requests after typing pauses, and reports only the answer to the latest one. */
export interface DebouncedLatest<I> {
  /** Asks for `input` once `delayMs` pass without another request. */
  request(input: I): void;
  /** Drops the pending request and any answer still on its way; later requests still work. */
  cancel(): void;
  /** Like cancel, for good: nothing is reported any more. */
  dispose(): void;
}

/**
 * Debounces a request (the live name preview as a person types) and drops answers that come
 * back after a newer request was sent, so the preview never shows an older sample's reading.
 */
export function debouncedLatest<I, O>(options: {
  readonly delayMs: number;
  readonly run: (input: I) => Promise<O>;
  readonly onResult: (result: LatestResult<I, O>) => void;
}): DebouncedLatest<I> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent = 0;
  let disposed = false;
  return {
    request(input) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const mine = ++sent;
        options.run(input).then(
          (value) => {
            if (!disposed && mine === sent) options.onResult({ ok: true, input, value });
          },
          (error: unknown) => {
            if (!disposed && mine === sent) options.onResult({ ok: false, input, error });
          },
        );
      }, options.delayMs);
    },
    cancel() {
      clearTimeout(timer);
      sent += 1;
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
    },
  };
}
