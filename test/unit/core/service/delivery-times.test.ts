import { describe, expect, it } from 'vitest';
import { DeliveryTimes } from '../../../../main/core/service/delivery-times.ts';
import { openQueue } from '../../../../main/core/store/open-queue.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { claim, enqueueOne, freshQueue, recording } from '../store/queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-delivery-times-');

describe('the last delivery time per destination, for /metrics', () => {
  it('starts from what the queue remembers, reads it once, and follows new deliveries', async () => {
    let at = 1_700_000_000_000;
    const { store, path } = await freshQueue(dir, () => at);
    const old = enqueueOne(store, recording('old.wav'), 'et');
    claim(store);
    store.markUploaded(old.id, { remoteId: 'r-old' });
    store.close();

    // A restart: the same queue file, a new service.
    const reopened = (await openQueue(path, { now: () => at })).store;
    let loads = 0;
    const times = new DeliveryTimes(() => {
      loads += 1;
      return reopened.lastDelivered();
    });
    reopened.onDidUpdate((row) => times.observe(row));
    expect(times.times()).toEqual([{ destination: 'et', at: 1_700_000_000_000 }]);

    at += 60_000;
    const fresh = enqueueOne(reopened, recording('new.wav'), 'tethr');
    claim(reopened);
    reopened.markUploaded(fresh.id, { remoteId: 'r-new' });
    expect(times.times()).toEqual([
      { destination: 'et', at: 1_700_000_000_000 },
      { destination: 'tethr', at: 1_700_000_060_000 },
    ]);
    expect(loads).toBe(1);
    reopened.close();
  });
});
