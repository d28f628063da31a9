import type {
  RecordingItem,
  RecordingPage,
  RecordingQuery,
  RecordingStatus,
} from '../../../preload/api.ts';

/** Reads a list that spans several statuses, page by page. */
export interface MergedPager {
  /** Up to `count` more items, newest change first; `done` once every status is exhausted. */
  next(
    count: number,
  ): Promise<{ readonly items: readonly RecordingItem[]; readonly done: boolean }>;
}

interface Source {
  readonly status: RecordingStatus;
  buffer: RecordingItem[];
  cursor: string | null;
  exhausted: boolean;
}

/**
 * A pager over several statuses at once. The API lists one status (or all) per query, each
 * ordered newest change first; this merges the per-status pages into that same order, fetching
 * a status's next page only when its buffered items run out.
 */
export function createMergedPager(
  statuses: readonly RecordingStatus[],
  q: string,
  fetchPage: (query: RecordingQuery) => Promise<RecordingPage>,
  pageSize: number,
): MergedPager {
  const sources: Source[] = statuses.map((status) => ({
    status,
    buffer: [],
    cursor: null,
    exhausted: false,
  }));
  const refill = async (source: Source): Promise<void> => {
    const page = await fetchPage({
      status: source.status,
      limit: pageSize,
      ...(q.trim() !== '' && { q: q.trim() }),
      ...(source.cursor !== null && { cursor: source.cursor }),
    });
    source.buffer.push(...page.items);
    source.cursor = page.nextCursor;
    source.exhausted = page.nextCursor === null;
  };
  return {
    async next(count) {
      const items: RecordingItem[] = [];
      while (items.length < count) {
        await Promise.all(sources.filter((s) => s.buffer.length === 0 && !s.exhausted).map(refill));
        const source = newestHead(sources);
        if (!source) break;
        items.push(source.buffer.shift() as RecordingItem);
      }
      return { items, done: sources.every((s) => s.exhausted && s.buffer.length === 0) };
    },
  };
}

/** The source whose first buffered item changed last, by (updatedAt, id) descending like the API. */
function newestHead(sources: readonly Source[]): Source | undefined {
  let best: Source | undefined;
  for (const source of sources) {
    const head = source.buffer[0];
    if (!head) continue;
    const bestHead = best?.buffer[0];
    if (!bestHead || compareNewestFirst(head, bestHead) < 0) best = source;
  }
  return best;
}

/** Orders items as the API lists them: latest updatedAt first, then higher id first. */
export function compareNewestFirst(a: RecordingItem, b: RecordingItem): number {
  const byTime = Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
  return byTime !== 0 ? byTime : b.id - a.id;
}
