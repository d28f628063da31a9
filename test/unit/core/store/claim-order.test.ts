import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { anyDestination, freshQueue, present, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-claim-order-');
const NOW = 1_800_000_000_000;

describe('the order in which recordings go out, over several destinations', () => {
  it('the oldest recording goes first whichever destination it is for, a due retry included', async () => {
    const { store } = await freshQueue(dir);
    const first = present(store.enqueue(recording('a.wav'), ['crm'])[0]);
    const second = present(store.enqueue(recording('b.wav'), ['et'])[0]);
    const third = present(store.enqueue(recording('c.wav'), ['crm'])[0]);
    expect(store.claimNext(NOW, anyDestination)?.id).toBe(first.id);
    store.markRetrying(first.id, { message: 'the platform was busy', nextAttemptAt: NOW - 1 });

    const order = [1, 2, 3].map(() => store.claimNext(NOW, anyDestination)?.id);
    expect(order).toEqual([first.id, second.id, third.id]);
    expect(store.claimNext(NOW, anyDestination)).toBeNull();
    store.close();
  });

  it('a retry not yet due lets newer recordings of its destination go ahead of it', async () => {
    const { store } = await freshQueue(dir);
    const early = present(store.enqueue(recording('a.wav'), ['et'])[0]);
    const later = present(store.enqueue(recording('b.wav'), ['et'])[0]);
    store.claimNext(NOW, anyDestination);
    store.markRetrying(early.id, { message: 'the platform was busy', nextAttemptAt: NOW + 60_000 });

    expect(store.claimNext(NOW, anyDestination)?.id).toBe(later.id);
    expect(store.claimNext(NOW, anyDestination)).toBeNull();
    expect(store.claimNext(NOW + 60_000, anyDestination)?.id).toBe(early.id);
    store.close();
  });

  it('a destination that cannot send now holds back only its own recordings', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav'), ['paused']);
    store.enqueue(recording('b.wav'), ['paused']);
    const open = present(store.enqueue(recording('c.wav'), ['et'])[0]);
    expect(store.claimNext(NOW, (d) => d !== 'paused')?.id).toBe(open.id);
    expect(store.claimNext(NOW, (d) => d !== 'paused')).toBeNull();
    expect(store.counts().queued).toBe(2);
    store.close();
  });
});
