import { describe, expect, it } from 'vitest';
import { UploadCounters } from '../../../../main/core/service/upload-counters.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { claim, enqueueOne, freshQueue, recording } from '../store/queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-counters-');

describe('counting upload attempts for /metrics', () => {
  it('counts each attempt once by how it ended, with the size of its recording', async () => {
    const { store } = await freshQueue(dir);
    const counters = new UploadCounters();
    store.onDidUpdate((row) => counters.observe(row));
    const a = enqueueOne(store, recording('a.wav', 'aaaa'), 'et'); // 4 000 bytes
    const b = enqueueOne(store, recording('b.wav', 'bb'), 'et'); // 2 000 bytes
    const c = enqueueOne(store, recording('c.wav', 'c'), 'tethr'); // 1 000 bytes
    const d = enqueueOne(store, recording('d.wav', 'ddd'), 'tethr'); // 3 000 bytes

    expect(claim(store).id).toBe(a.id);
    store.markRetrying(a.id, { message: 'no answer', nextAttemptAt: 0 });
    expect(claim(store).id).toBe(a.id);
    store.markUploaded(a.id, { remoteId: 'r-a' });
    expect(claim(store).id).toBe(b.id);
    store.markFailed(b.id, { code: 'rejected', message: 'the platform refused it' });
    expect(claim(store).id).toBe(c.id);
    store.markSkipped(c.id, 'the platform does not want it', 'declined');
    // d is only queued, then skipped by a person: no attempt, nothing counted.
    store.markSkipped(d.id, 'skipped by a person');

    expect(counters.tallies()).toEqual(
      expect.arrayContaining([
        { destination: 'et', result: 'retried', count: 1, bytes: 4000 },
        { destination: 'et', result: 'delivered', count: 1, bytes: 4000 },
        { destination: 'et', result: 'failed', count: 1, bytes: 2000 },
        { destination: 'tethr', result: 'declined', count: 1, bytes: 1000 },
      ]),
    );
    expect(counters.tallies()).toHaveLength(4);
    store.close();
  });

  it('does not count a recording that failed before any upload (a mono file, say)', async () => {
    const { store } = await freshQueue(dir);
    const counters = new UploadCounters();
    store.onDidUpdate((row) => counters.observe(row));
    enqueueOne(store, recording('mono.wav'), 'et', {
      problems: [{ code: 'mono', message: 'mono file' }],
    });
    expect(counters.tallies()).toEqual([]);
    store.close();
  });
});
