/** The longest wait between two attempts at one recording, when the platform does not say. */
export const MAX_RETRY_DELAY_MS = 15 * 60_000;
/** The longest Retry-After honoured: a platform may ask for an hour's rest, not for a week. */
export const MAX_RETRY_AFTER_MS = 6 * 60 * 60_000;
const BASE_DELAY_MS = 5_000;

/**
 * How long to wait before the next attempt after a transient failure: exponential
 * backoff with full jitter (AWS's "full jitter") capped at 15 minutes, or the platform's
 * Retry-After (up to 6 hours). Time alone never turns a recording into `failed`.
 */
export function retryDelayMs(
  attempts: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0)
    return Math.min(retryAfterMs, MAX_RETRY_AFTER_MS);
  const ceiling = Math.min(MAX_RETRY_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(random() * ceiling);
}

/** Consecutive transient failures after which a destination is treated as offline and probed instead. */
export const OFFLINE_AFTER_FAILURES = 5;

/** How often an offline destination is probed with one recording, growing up to 5 minutes. */
export function offlineProbeDelayMs(consecutiveFailures: number): number {
  const extra = Math.max(0, consecutiveFailures - OFFLINE_AFTER_FAILURES);
  return Math.min(5 * 60_000, 30_000 * 2 ** extra);
}
