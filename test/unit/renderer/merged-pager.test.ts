import { describe, expect, it } from 'vitest';
import type { RecordingItem, RecordingPage, RecordingQuery } from '../../../preload/api.ts';
import { createMergedPager } from '../../../renderer/src/lists/merged-pager.ts';
import { item } from './recording-fixture.ts';

/** A queue that pages like the API: one status per query, newest change first, keyed cursors. */
function pagedQueue(rows: readonly RecordingItem[]) {
  const asked: RecordingQuery[] = [];
  const fetchPage = async (query: RecordingQuery): Promise<RecordingPage> => {
    asked.push(query);
    const sorted = rows
      .filter((r) => r.status === query.status)
      .filter((r) => !query.q || r.fileName.includes(query.q))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id);
    const start =
      query.cursor === undefined ? 0 : sorted.findIndex((r) => String(r.id) === query.cursor) + 1;
    const items = sorted.slice(start, start + (query.limit ?? 50));
    const last = items.at(-1);
    return {
      items,
      nextCursor: start + items.length < sorted.length && last ? String(last.id) : null,
    };
  };
  return { fetchPage, asked };
}

describe('a list over several statuses', () => {
  const rows = [
    item(1, 1, { status: 'queued' }),
    item(2, 2, { status: 'retrying' }),
    item(3, 3, { status: 'queued' }),
    item(4, 4, { status: 'uploading' }),
    item(5, 5, { status: 'queued' }),
    item(6, 6, { status: 'retrying' }),
    item(7, 7, { status: 'uploaded' }),
  ];

  it('lists them all in the order the API uses, newest change first, across pages', async () => {
    const { fetchPage } = pagedQueue(rows);
    const pager = createMergedPager(['queued', 'uploading', 'retrying'], '', fetchPage, 2);
    const first = await pager.next(4);
    expect(first.items.map((r) => r.id)).toEqual([6, 5, 4, 3]);
    expect(first.done).toBe(false);
    const rest = await pager.next(4);
    expect(rest.items.map((r) => r.id)).toEqual([2, 1]);
    expect(rest.done).toBe(true);
  });

  it('leaves out the statuses it was not asked for', async () => {
    const { fetchPage } = pagedQueue(rows);
    const pager = createMergedPager(['queued', 'uploading', 'retrying'], '', fetchPage, 50);
    const all = await pager.next(100);
    expect(all.items.map((r) => r.id)).not.toContain(7);
  });

  it('asks for a status’s next page only when its loaded rows run out, with the search', async () => {
    const { fetchPage, asked } = pagedQueue(rows);
    const pager = createMergedPager(['queued', 'retrying'], 'agent', fetchPage, 2);
    await pager.next(1);
    expect(asked).toEqual([
      { status: 'queued', limit: 2, q: 'agent' },
      { status: 'retrying', limit: 2, q: 'agent' },
    ]);
    expect(asked).toHaveLength(2);
    expect((await pager.next(3)).items.map((r) => r.id)).toEqual([5, 3, 2]);
    expect(asked.slice(2)).toEqual([{ status: 'queued', limit: 2, q: 'agent', cursor: '3' }]);
  });

  it('says it is done at once for an empty list', async () => {
    const { fetchPage } = pagedQueue([]);
    const pager = createMergedPager(['failed'], '', fetchPage, 50);
    expect(await pager.next(50)).toEqual({ items: [], done: true });
  });
});
