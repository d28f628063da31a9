import { describe, expect, it } from 'vitest';
import { openQueue } from '../../../../main/core/store/open-queue.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import {
  anyDestination,
  claim,
  enqueueOne,
  enqueueTwo,
  freshQueue,
  recording,
} from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-after-upload-');

describe('when the post-upload action may run', () => {
  it('only once every destination has confirmed the file, and the last confirmation is old enough', async () => {
    let now = 1_000;
    const { store } = await freshQueue(dir, () => now);
    const [et, tethr] = enqueueTwo(store, recording('a.wav'));
    store.claimNext(now, (d) => d === 'et');
    store.markUploaded(et.id, { remoteId: 'e1' });
    expect(store.pathsDueForAfterUpload(10_000)).toEqual([]);

    now = 5_000;
    store.claimNext(now, anyDestination);
    store.markUploaded(tethr.id, { remoteId: 't1' });
    expect(store.pathsDueForAfterUpload(4_999)).toEqual([]);
    expect(store.pathsDueForAfterUpload(5_000)).toEqual([et.path]);
    store.close();
  });

  it('a destination that failed holds the file back', async () => {
    const { store } = await freshQueue(dir);
    const [et, tethr] = enqueueTwo(store, recording('a.wav'));
    store.claimNext(0, (d) => d === 'et');
    store.markUploaded(et.id, { remoteId: 'e1' });
    store.markFailed(tethr.id, { code: 'corrupt', message: 'damaged' });
    expect(store.pathsDueForAfterUpload(Number.MAX_SAFE_INTEGER)).toEqual([]);
    store.close();
  });

  it('a destination that skipped the file as a duplicate does not hold it back', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav', 'call 1'), ['et']);
    store.markUploaded(claim(store).id, { remoteId: 'e1' });
    const [dup, tethr] = enqueueTwo(store, recording('copy.wav', 'call 1'));
    expect(dup.status).toBe('skipped');
    store.markUploaded(claim(store).id, { remoteId: 't1' });

    const due = store.pathsDueForAfterUpload(Number.MAX_SAFE_INTEGER);
    expect(due).toContain(tethr.path);
    // A file whose every row is a duplicate was never delivered from here: it is left alone.
    store.enqueue(recording('third-copy.wav', 'call 1'), ['et']);
    expect(store.pathsDueForAfterUpload(Number.MAX_SAFE_INTEGER)).not.toContain(
      '/var/spool/asterisk/monitor/third-copy.wav',
    );
    store.close();
  });

  it('once done for a file, the file is no longer due, for any of its destinations', async () => {
    const { store, path } = await freshQueue(dir);
    const [et, tethr] = enqueueTwo(store, recording('a.wav'));
    store.markUploaded(claim(store).id, { remoteId: 'r' });
    store.markUploaded(claim(store).id, { remoteId: 'r' });
    const marked = store.markAfterUploadDone(et.id, 'moved to /archive/a.wav');
    expect(marked.map((r) => r.destination)).toEqual(['et', 'tethr']);
    expect(marked.every((r) => r.afterUploadDoneAt !== null)).toBe(true);
    expect(store.events(tethr.id).at(-1)).toMatchObject({
      from: 'uploaded',
      to: 'uploaded',
      message: 'moved to /archive/a.wav',
    });

    const reopened = await openQueue(path);
    expect(reopened.store.pathsDueForAfterUpload(Number.MAX_SAFE_INTEGER)).toEqual([]);
    reopened.store.close();
    store.close();
  });

  it('new content at a handled path is due again only after it is delivered', async () => {
    const { store } = await freshQueue(dir);
    const first = enqueueOne(store, recording('a.wav', 'monday'));
    store.markUploaded(claim(store).id, { remoteId: 'r1' });
    store.markAfterUploadDone(first.id);
    store.enqueue(recording('a.wav', 'tuesday'), ['et']);
    expect(store.pathsDueForAfterUpload(Number.MAX_SAFE_INTEGER)).toEqual([]);
    store.markUploaded(claim(store).id, { remoteId: 'r2' });
    expect(store.pathsDueForAfterUpload(Number.MAX_SAFE_INTEGER)).toEqual([first.path]);
    expect(store.rowsForPath(first.path).map((r) => r.remoteId)).toEqual(['r1', 'r2']);
    store.close();
  });

  it('the action is refused for a recording that is not delivered', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    expect(() => store.markAfterUploadDone(row.id)).toThrow('waits for delivery');
    store.close();
  });
});
