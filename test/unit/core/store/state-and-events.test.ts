import { describe, expect, it } from 'vitest';
import { openQueue } from '../../../../main/core/store/open-queue.ts';
import type { RecordingRow } from '../../../../main/core/store/recording-row.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { anyDestination, enqueueOne, freshQueue, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-state-');

describe('service state kept across restarts', () => {
  it('pause and per-destination pauses are remembered after reopening, and can be cleared', async () => {
    const { store, path } = await freshQueue(dir);
    expect(store.getState('paused')).toBeNull();
    store.setState('paused', 'true');
    store.setState('destination-paused:et', 'Ender Turing refused the username or password');
    store.setState('paused', 'false');
    store.setState('destination-paused:et', null);
    store.setState('destination-paused:tethr', 'no secret');
    store.close();

    const { store: reopened } = await openQueue(path);
    expect(reopened.getState('paused')).toBe('false');
    expect(reopened.getState('destination-paused:et')).toBeNull();
    expect(reopened.getState('destination-paused:tethr')).toBe('no secret');
    reopened.close();
  });
});

describe('change events', () => {
  it('every committed change is announced with the row as it now is', async () => {
    const { store } = await freshQueue(dir);
    const seen: RecordingRow[] = [];
    store.onDidUpdate((row) => seen.push(row));
    const row = enqueueOne(store, recording('a.wav'));
    const claimed = store.claimNext(0, anyDestination);
    const done = store.markUploaded(row.id, { remoteId: 'r1' });
    expect(seen).toEqual([row, claimed, done]);
    // The announced row is what a reader of the file sees.
    expect(seen.at(-1)).toEqual(store.get(row.id));
    store.close();
  });

  it('seeing the same file again announces nothing, since nothing changed', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav'), ['et']);
    let calls = 0;
    store.onDidUpdate(() => (calls += 1));
    store.enqueue(recording('a.wav'), ['et']);
    expect(store.claimNext(0, () => false)).toBeNull();
    expect(calls).toBe(0);
    store.close();
  });

  it('a refused change announces nothing', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    let calls = 0;
    store.onDidUpdate(() => (calls += 1));
    expect(() => store.markProcessed(row.id)).toThrow();
    expect(calls).toBe(0);
    store.close();
  });

  it('a removed listener hears nothing more, and others keep hearing', async () => {
    const { store } = await freshQueue(dir);
    const first: number[] = [];
    const second: number[] = [];
    const stop = store.onDidUpdate((row) => first.push(row.id));
    store.onDidUpdate((row) => second.push(row.id));
    store.enqueue(recording('a.wav'), ['et']);
    stop();
    store.enqueue(recording('b.wav'), ['et']);
    expect(first).toEqual([1]);
    expect(second).toEqual([1, 2]);
    store.close();
  });
});

describe('the history of a recording', () => {
  it('lists every transition with when, from, to and why', async () => {
    let now = 100;
    const { store } = await freshQueue(dir, () => (now += 10));
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(500, anyDestination);
    store.markRetrying(row.id, { message: 'connection reset', nextAttemptAt: 600 });
    expect(store.events(row.id)).toEqual([
      {
        id: 1,
        recordingId: row.id,
        at: 110,
        from: null,
        to: 'queued',
        message: 'found and queued',
      },
      {
        id: 2,
        recordingId: row.id,
        at: 120,
        from: 'queued',
        to: 'uploading',
        message: 'upload attempt 1',
      },
      {
        id: 3,
        recordingId: row.id,
        at: 130,
        from: 'uploading',
        to: 'retrying',
        message: 'connection reset',
      },
    ]);
    store.close();
  });
});
