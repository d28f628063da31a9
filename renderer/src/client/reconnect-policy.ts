/** How the event stream waits between reconnection attempts. */
export interface ReconnectPolicy {
  /** The first wait. */
  readonly initialMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
  /** Each wait is up to this fraction shorter, so many windows do not all return at once. */
  readonly jitter: number;
}

/** One second, doubling up to half a minute, up to a fifth shorter at random. */
export const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 1_000, maxMs: 30_000, jitter: 0.2 };

/**
 * The wait before reconnection attempt `attempt` (1 for the first after a loss): exponential
 * backoff capped at `maxMs`, shortened by `random()` × jitter.
 */
export function reconnectDelay(
  attempt: number,
  policy: ReconnectPolicy = DEFAULT_RECONNECT,
  random: () => number = Math.random,
): number {
  const step = Math.max(0, Math.floor(attempt) - 1);
  const full = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.min(step, 30));
  return Math.round(full * (1 - policy.jitter * random()));
}
