import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../../main/core/store/queue-errors.ts';
import { RECORDING_STATUSES } from '../../../../main/core/store/recording-status.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { claim, enqueueOne, freshQueue, present, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-list-');

describe('listing the queue', () => {
  it('paging returns every row exactly once across pages, newest change first', async () => {
    const { store } = await freshQueue(dir);
    for (let i = 0; i < 23; i += 1) store.enqueue(recording(`call-${i}.wav`), ['et', 'tethr']);
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = store.list({ limit: 10, ...(cursor !== undefined && { cursor }) });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined);
    expect(pages).toBe(5);
    expect(seen).toHaveLength(46);
    expect(new Set(seen).size).toBe(46);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    store.close();
  });

  it('rows changed in the same millisecond are still paged exactly once', async () => {
    const { store } = await freshQueue(dir, () => 1_000);
    for (let i = 0; i < 7; i += 1) store.enqueue(recording(`call-${i}.wav`), ['et']);
    const first = store.list({ limit: 3 });
    const second = store.list({ limit: 3, cursor: present(first.nextCursor) });
    const third = store.list({ limit: 3, cursor: present(second.nextCursor) });
    const ids = [...first.items, ...second.items, ...third.items].map((r) => r.id);
    expect(ids).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(third.nextCursor).toBeNull();
    store.close();
  });

  it('a recently changed row moves to the top', async () => {
    const { store } = await freshQueue(dir);
    const a = enqueueOne(store, recording('a.wav'));
    store.enqueue(recording('b.wav'), ['et']);
    store.markSkipped(a.id, 'test call');
    expect(store.list().items.map((r) => r.fileName)).toEqual(['a.wav', 'b.wav']);
    store.close();
  });

  it('filters by state and destination', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav'), ['et', 'tethr']);
    store.enqueue(recording('b.wav'), ['et']);
    store.claimNext(Date.now(), (d) => d === 'tethr');
    expect(store.list({ status: 'queued' }).items.map((r) => r.fileName)).toEqual([
      'b.wav',
      'a.wav',
    ]);
    expect(store.list({ destination: 'tethr' }).items.map((r) => r.status)).toEqual(['uploading']);
    expect(store.list({ status: 'uploading', destination: 'et' }).items).toEqual([]);
    store.close();
  });

  it('search looks in the file name, the path and the metadata, ignoring case', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('Sales-Call.wav'), ['et']);
    store.enqueue(recording('b.wav', 'b', { path: '/rec/Kyiv Office/b.wav' }), ['et']);
    store.enqueue(
      recording('c.wav', 'c', { metadata: { agentFirstName: 'Олена', queue: 'Support' } }),
      ['et'],
    );
    const names = (q: string) => store.list({ q }).items.map((r) => r.fileName);
    expect(names('sales-call')).toEqual(['Sales-Call.wav']);
    expect(names('kyiv office')).toEqual(['b.wav']);
    expect(names('ОЛЕНА')).toEqual(['c.wav']);
    expect(names('support')).toEqual(['c.wav']);
    expect(names('nothing like it')).toEqual([]);
    store.close();
  });

  it('search escapes % and _: they match only themselves', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('100%_done.wav'), ['et']);
    store.enqueue(recording('100x-done.wav'), ['et']);
    store.enqueue(recording('back\\slash.wav'), ['et']);
    const names = (q: string) => store.list({ q }).items.map((r) => r.fileName);
    expect(names('100%')).toEqual(['100%_done.wav']);
    expect(names('%_')).toEqual(['100%_done.wav']);
    expect(names('_')).toEqual(['100%_done.wav']);
    expect(names('\\')).toEqual(['back\\slash.wav']);
    store.close();
  });

  it('a page holds 50 rows unless asked, and never more than 500', async () => {
    const { store } = await freshQueue(dir);
    for (let i = 0; i < 501; i += 1) store.enqueue(recording(`call-${i}.wav`), ['et']);
    expect(store.list().items).toHaveLength(50);
    expect(store.list({ limit: 10_000 }).items).toHaveLength(500);
    expect(store.list({ limit: 0 }).items).toHaveLength(1);
    store.close();
  });

  it('a cursor the queue did not hand out is refused', async () => {
    const { store } = await freshQueue(dir);
    expect(() => store.list({ cursor: 'not-a-cursor' })).toThrow(InvalidCursorError);
    const forged = Buffer.from('{"updatedAt":1}').toString('base64url');
    expect(() => store.list({ cursor: forged })).toThrow(InvalidCursorError);
    store.close();
  });
});

describe('counting the queue', () => {
  it('counts include every status, zero where nothing is in it', async () => {
    const { store } = await freshQueue(dir);
    expect(store.counts()).toEqual(Object.fromEntries(RECORDING_STATUSES.map((s) => [s, 0])));
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) store.enqueue(recording(name), ['et']);
    const next = () => claim(store).id;
    store.markUploaded(next(), { remoteId: '1' });
    store.markProcessed(store.markUploaded(next(), { remoteId: '2' }).id);
    store.markRetrying(next(), { message: 'timeout', nextAttemptAt: Number.MAX_SAFE_INTEGER });
    store.markFailed(next(), { code: 'rejected', message: 'refused' });
    next();
    store.markSkipped(present(store.list({ status: 'queued' }).items[0]).id, 'test call');
    expect(store.counts()).toEqual({
      queued: 1,
      uploading: 1,
      retrying: 1,
      uploaded: 1,
      processed: 1,
      failed: 1,
      skipped: 1,
    });
    store.close();
  });
});
