import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { claim, enqueueOne, freshQueue, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-statistics-');

/** A clock the test moves by hand. */
function handClock(start: number): { now: () => number; advance: (ms: number) => void } {
  let at = start;
  return { now: () => at, advance: (ms) => (at += ms) };
}

describe('what the queue tells monitoring', () => {
  it('is empty for an empty queue', async () => {
    const { store } = await freshQueue(dir);
    expect(store.statistics()).toEqual({ counts: [], oldestWaiting: [], lastFoundAt: null });
    expect(store.lastDelivered()).toEqual([]);
    store.close();
  });

  it('counts rows per destination and state, and dates the oldest waiting, the last delivered and the newest found', async () => {
    const clock = handClock(1_700_000_000_000);
    const { store } = await freshQueue(dir, clock.now);
    const first = enqueueOne(store, recording('a.wav'), 'et'); // t0
    clock.advance(1_000);
    enqueueOne(store, recording('b.wav'), 'et'); // t0 + 1 s
    enqueueOne(store, recording('c.wav'), 'tethr');
    clock.advance(1_000);
    enqueueOne(store, recording('bad.wav'), 'tethr', {
      problems: [{ code: 'mono', message: 'mono file' }],
    }); // t0 + 2 s, failed at once

    // a.wav goes out and is confirmed at t0 + 5 s; b.wav and c.wav still wait.
    clock.advance(3_000);
    expect(claim(store).id).toBe(first.id);
    store.markUploaded(first.id, { remoteId: 'r-1' });

    expect(store.statistics()).toEqual({
      counts: [
        { destination: 'et', status: 'queued', count: 1 },
        { destination: 'et', status: 'uploaded', count: 1 },
        { destination: 'tethr', status: 'failed', count: 1 },
        { destination: 'tethr', status: 'queued', count: 1 },
      ],
      oldestWaiting: [
        { destination: 'et', at: 1_700_000_001_000 },
        { destination: 'tethr', at: 1_700_000_001_000 },
      ],
      lastFoundAt: 1_700_000_002_000,
    });
    expect(store.lastDelivered()).toEqual([{ destination: 'et', at: 1_700_000_005_000 }]);
    store.close();
  });

  it('counts a recording waiting to retry or uploading as still on its way, and a failed one not', async () => {
    const clock = handClock(1_700_000_000_000);
    const { store } = await freshQueue(dir, clock.now);
    const a = enqueueOne(store, recording('a.wav'), 'et');
    clock.advance(1_000);
    const b = enqueueOne(store, recording('b.wav'), 'et');
    claim(store);
    store.markRetrying(a.id, { message: 'Ender Turing did not answer', nextAttemptAt: 0 });
    expect(store.statistics().oldestWaiting).toEqual([{ destination: 'et', at: a.createdAt }]);
    claim(store); // a again: uploading
    store.markFailed(a.id, { code: 'rejected', message: 'refused' });
    expect(store.statistics().oldestWaiting).toEqual([{ destination: 'et', at: b.createdAt }]);
    store.close();
  });
});
