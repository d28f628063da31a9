import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RecordingItem, RecordingStatus } from '../../../preload/api.ts';
import { messageOf } from '../client/api-error.ts';
import type { Courier } from '../client/courier-client.ts';
import { useReloadOnReconnect } from '../app/use-link-state.ts';
import {
  EMPTY_LIST,
  appendPage,
  applyChanges,
  applyProgress,
  type ListState,
  type ProgressMap,
} from './list-state.ts';
import { createMergedPager, type MergedPager } from './merged-pager.ts';
import { matchesSearch } from './search-match.ts';

/** Rows asked for at a time. */
export const PAGE_SIZE = 500;
/** Events are applied in batches at most this often, so a busy queue does not re-render per event. */
const BATCH_MS = 100;

type ProgressEvent = {
  readonly id: number;
  readonly sentBytes: number;
  readonly sizeBytes: number;
};

/** A live, paged list of recordings. */
export interface RecordingList {
  readonly items: readonly RecordingItem[];
  readonly progress: ProgressMap;
  readonly loading: boolean;
  /** True while more pages may be loaded. */
  readonly hasMore: boolean;
  readonly error: string | null;
  loadMore(): void;
  reload(): void;
}

/**
 * The recordings with one of `statuses` that match the search `q`: loaded page by page as the
 * list is scrolled, and kept current from the service's events.
 */
export function useRecordingList(
  courier: Courier,
  statuses: readonly RecordingStatus[],
  q: string,
): RecordingList {
  const { client, link } = courier;
  const statusKey = statuses.join(',');
  const belongs = useMemo(() => {
    const shown = new Set(statusKey.split(','));
    return (item: RecordingItem) => shown.has(item.status) && matchesSearch(item, q);
  }, [statusKey, q]);
  const [list, setList] = useState<ListState>(EMPTY_LIST);
  const [progress, setProgress] = useState<ProgressMap>(new Map());
  const [loading, setLoading] = useState(false);
  const [hasMore, setHasMore] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const pager = useRef<{ pager: MergedPager; busy: boolean; done: boolean } | null>(null);
  const belongsRef = useRef(belongs);

  const loadMore = useCallback(() => {
    const current = pager.current;
    if (!current || current.busy || current.done) return;
    current.busy = true;
    setLoading(true);
    current.pager.next(PAGE_SIZE).then(
      ({ items, done }) => {
        if (pager.current !== current) return;
        current.busy = false;
        current.done = done;
        setList((state) => appendPage(state, items, belongsRef.current));
        setHasMore(!done);
        setLoading(false);
        setError(null);
      },
      (failure: unknown) => {
        if (pager.current !== current) return;
        current.busy = false;
        setLoading(false);
        setError(messageOf(failure));
      },
    );
  }, []);

  const reload = useCallback(() => {
    belongsRef.current = belongs;
    pager.current = {
      pager: createMergedPager(
        statusKey.split(',') as RecordingStatus[],
        q,
        (query) => client.listRecordings(query),
        PAGE_SIZE,
      ),
      busy: false,
      done: false,
    };
    setList(EMPTY_LIST);
    setHasMore(true);
    loadMore();
  }, [client, statusKey, q, belongs, loadMore]);

  useEffect(() => {
    reload();
  }, [reload]);
  useReloadOnReconnect(link, reload);

  useEffect(() => {
    let changes: RecordingItem[] = [];
    let moved: ProgressEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = changes;
      const sent = moved;
      changes = [];
      moved = [];
      setList((state) => applyChanges(state, batch, belongsRef.current));
      setProgress((current) => applyProgress(current, sent, batch));
    };
    const dispose = client.onEvent((event) => {
      if (event.type === 'recording') changes.push(event.item);
      else if (event.type === 'progress') moved.push(event);
      else return;
      timer ??= setTimeout(flush, BATCH_MS);
    });
    return () => {
      dispose();
      if (timer !== null) clearTimeout(timer);
    };
  }, [client]);

  return { items: list.items, progress, loading, hasMore, error, loadMore, reload };
}
