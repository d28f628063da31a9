import { messageOf } from '../client/api-error.ts';

/** How one retry went: the recording is on its way again, or why it is not. */
export type RetryOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** How "Retry all" went. */
export interface RetryAllResult {
  readonly retried: number;
  /** The recordings that could not be retried, with the service's reason. */
  readonly refused: ReadonlyMap<number, string>;
}

/**
 * Retries every recording in `ids`, a few at a time so a long list does not flood the service,
 * and collects the refusals (e.g. "still cannot go to et: …") instead of stopping at the first.
 */
export async function retryAll(
  ids: readonly number[],
  retry: (id: number) => Promise<unknown>,
  concurrency = 4,
): Promise<RetryAllResult> {
  const refused = new Map<number, string>();
  let retried = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++] as number;
      try {
        await retry(id);
        retried += 1;
      } catch (error) {
        refused.set(id, messageOf(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, ids.length)) }, worker));
  return { retried, refused };
}

/** The summary line "Retry all" leaves in the window. */
export function retryAllSummary(result: RetryAllResult): string {
  const again = `${result.retried} ${result.retried === 1 ? 'recording is' : 'recordings are'} on the way again.`;
  if (result.refused.size === 0) return again;
  const stuck = `${result.refused.size} still ${result.refused.size === 1 ? 'needs' : 'need'} attention: the reason is shown next to each.`;
  return result.retried === 0 ? stuck : `${again} ${stuck}`;
}
