/** "Retry failed" from the tray: every failed recording is retried once. Pure. */
import type { CourierApi, RecordingItem } from '../../../preload/api.ts';

/** What became of a "retry all". */
export interface RetryAllOutcome {
  readonly retried: number;
  /** Recordings that still cannot go (the file is still wrong), with the reason. */
  readonly refused: readonly { readonly fileName: string; readonly message: string }[];
}

/** Retries every failed recording (all of them are listed first, so retries cannot disturb paging). */
export async function retryAllFailed(
  api: Pick<CourierApi, 'listRecordings' | 'retry'>,
): Promise<RetryAllOutcome> {
  const failed: RecordingItem[] = [];
  let cursor: string | null = null;
  do {
    const page = await api.listRecordings({
      status: 'failed',
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    failed.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  let retried = 0;
  const refused: { fileName: string; message: string }[] = [];
  for (const item of failed) {
    try {
      await api.retry(item.id);
      retried += 1;
    } catch (error) {
      refused.push({ fileName: item.fileName, message: (error as Error).message });
    }
  }
  return { retried, refused };
}
