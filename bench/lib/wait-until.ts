/** Resolves after `ms` milliseconds. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `count()` every `everyMs` until it reaches `target`; answers performance.now() at the
 * first look that saw it. Rejects after `timeoutMs`, saying what it waited for.
 */
export async function whenCountReaches(
  count: () => number | Promise<number>,
  target: number,
  options: { readonly timeoutMs: number; readonly everyMs?: number; readonly what: string },
): Promise<number> {
  const until = performance.now() + options.timeoutMs;
  for (;;) {
    const now = performance.now();
    const seen = await count();
    if (seen >= target) return now;
    if (now > until) {
      throw new Error(`timed out waiting for ${options.what}: ${seen} of ${target}`);
    }
    await pause(options.everyMs ?? 5);
  }
}
