import { describe, expect, it } from 'vitest';
import type { RecordingItem } from '../../../preload/api.ts';
import {
  EMPTY_LIST,
  appendPage,
  applyChanges,
  applyProgress,
} from '../../../renderer/src/lists/list-state.ts';
import { matchesSearch } from '../../../renderer/src/lists/search-match.ts';
import { item } from './recording-fixture.ts';

/** The queue's rule: not yet delivered. */
const inQueue = (r: RecordingItem) => ['queued', 'uploading', 'retrying'].includes(r.status);
const ids = (rows: readonly RecordingItem[]) => rows.map((r) => r.id);

describe('a live list of recordings', () => {
  it('adds loaded pages in order, without showing a recording twice', () => {
    let list = appendPage(EMPTY_LIST, [item(3, 30), item(2, 20)], inQueue);
    list = appendPage(list, [item(2, 20), item(1, 10)], inQueue);
    expect(ids(list.items)).toEqual([3, 2, 1]);
  });

  it('updates a recording where it stands when it changes but still belongs', () => {
    const list = appendPage(EMPTY_LIST, [item(3, 30), item(2, 20), item(1, 10)], inQueue);
    const next = applyChanges(list, [item(2, 40, { status: 'uploading' })], inQueue);
    expect(ids(next.items)).toEqual([3, 2, 1]);
    expect(next.items[1]?.status).toBe('uploading');
  });

  it('drops a recording that no longer belongs, e.g. once it is delivered', () => {
    const list = appendPage(EMPTY_LIST, [item(3, 30), item(2, 20)], inQueue);
    const next = applyChanges(
      list,
      [item(3, 41, { status: 'uploaded', remoteId: 's-1' })],
      inQueue,
    );
    expect(ids(next.items)).toEqual([2]);
  });

  it('puts a new recording at the top, the newest first when several arrive together', () => {
    const list = appendPage(EMPTY_LIST, [item(2, 20)], inQueue);
    const next = applyChanges(list, [item(5, 50), item(6, 51)], inQueue);
    expect(ids(next.items)).toEqual([6, 5, 2]);
  });

  it('ignores a change that does not belong, such as a delivered recording in the queue', () => {
    const list = appendPage(EMPTY_LIST, [item(2, 20)], inQueue);
    const next = applyChanges(list, [item(7, 50, { status: 'processed' })], inQueue);
    expect(ids(next.items)).toEqual([2]);
  });

  it('does not bring back a recording from a page loaded before it was delivered', () => {
    // The event arrives while the page that still says "queued" is on its way.
    let list = applyChanges(EMPTY_LIST, [item(4, 45, { status: 'uploaded' })], inQueue);
    list = appendPage(list, [item(4, 10, { status: 'queued' }), item(1, 5)], inQueue);
    expect(ids(list.items)).toEqual([1]);
  });

  it('shows the newer version when a page arrives after an event about the same recording', () => {
    let list = applyChanges(
      EMPTY_LIST,
      [item(4, 45, { status: 'retrying', attempts: 2 })],
      inQueue,
    );
    list = appendPage(list, [item(4, 10, { status: 'queued' })], inQueue);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]?.status).toBe('retrying');
  });

  it('does not let an older event overwrite a newer one', () => {
    let list = applyChanges(EMPTY_LIST, [item(4, 45, { status: 'uploading' })], inQueue);
    list = applyChanges(list, [item(4, 40, { status: 'queued' })], inQueue);
    expect(list.items[0]?.status).toBe('uploading');
  });

  it('keeps a searched list to the recordings that match the search', () => {
    const q = 'client9';
    const belongs = (r: RecordingItem) => inQueue(r) && matchesSearch(r, q);
    const list = applyChanges(EMPTY_LIST, [item(9, 50), item(8, 51)], belongs);
    expect(ids(list.items)).toEqual([9]);
  });
});

describe('searching like the service does', () => {
  it('matches the file name, the path and any call detail, ignoring case', () => {
    const r = item(1, 0, {
      fileName: 'Call-77.wav',
      path: '/mnt/pbx/Sales/Call-77.wav',
      metadata: { agentId: 'A-12', callId: 'CX-9000', extra: { campaign: 'Spring' } },
    });
    for (const q of ['call-77', 'sales', 'a-12', 'cx-9000', 'spring', '  SPRING ', ''])
      expect(matchesSearch(r, q)).toBe(true);
    expect(matchesSearch(r, 'autumn')).toBe(false);
  });
});

describe('progress of recordings being sent', () => {
  it('keeps the latest progress, and forgets a recording once it is no longer being sent', () => {
    let progress = applyProgress(new Map(), [{ id: 1, sentBytes: 100, sizeBytes: 1000 }], []);
    progress = applyProgress(progress, [{ id: 1, sentBytes: 600, sizeBytes: 1000 }], []);
    expect(progress.get(1)).toEqual({ sentBytes: 600, sizeBytes: 1000 });
    progress = applyProgress(progress, [], [item(1, 50, { status: 'uploaded' })]);
    expect(progress.has(1)).toBe(false);
  });
});
