import { readdirSync, readlinkSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../main/core/store/migrations.ts';
import { openQueue } from '../../../../main/core/store/open-queue.ts';
import { UnknownRecordingError } from '../../../../main/core/store/queue-errors.ts';
import { QueueStore } from '../../../../main/core/store/queue-store.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import {
  anyDestination,
  claim,
  enqueueOne,
  freshQueue,
  present,
  recording,
} from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-claim-');
const NOW = 1_800_000_000_000;

describe('handing recordings out for upload', () => {
  it('a claimed recording is written as uploading before it is handed out', async () => {
    const { store, path } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    const claimed = store.claimNext(NOW, anyDestination);
    expect(claimed).toMatchObject({ id: row.id, status: 'uploading', attempts: 1 });

    // As if the process died right now: another process finds the row in flight.
    const afterCrash = await openQueue(path);
    expect(afterCrash.store.inFlight()).toEqual([claimed]);
    expect(afterCrash.store.events(row.id).at(-1)).toMatchObject({
      from: 'queued',
      to: 'uploading',
      message: 'upload attempt 1',
    });
    afterCrash.store.close();
    store.close();
  });

  it('flushing a claim to the disk flushes the write-ahead log, and the claim is still there after it', async () => {
    const { store, path } = await freshQueue(dir);
    const row = enqueueOne(store, recording('f.wav'));
    const claimed = store.claimNext(NOW, anyDestination);
    const before = store.getState('flushed-at');
    await store.flushed();
    // The log's own flush: no durable commit of a marker row was needed.
    expect(store.getState('flushed-at')).toBe(before);
    const other = await openQueue(path);
    expect(other.store.inFlight()).toEqual([claimed]);
    expect(other.store.get(row.id)?.status).toBe('uploading');
    other.store.close();
    store.close();
  });

  it.runIf(process.platform === 'linux')(
    'the write-ahead log is opened by the first flush, kept open for the next ones and closed with the queue',
    async () => {
      const { store, path } = await freshQueue(dir);
      const openWal = () =>
        readdirSync('/proc/self/fd').filter((fd) => {
          try {
            return readlinkSync(`/proc/self/fd/${fd}`) === `${path}-wal`;
          } catch {
            return false; // closed since it was listed
          }
        });
      enqueueOne(store, recording('a.wav'));
      store.claimNext(NOW, anyDestination);
      // SQLite's own handle of the log, and then ours.
      const sqlites = openWal();
      await store.flushed();
      const kept = openWal();
      expect(kept).toHaveLength(sqlites.length + 1);
      enqueueOne(store, recording('b.wav'));
      store.claimNext(NOW, anyDestination);
      await store.flushed();
      expect(openWal()).toEqual(kept);
      store.close();
      expect(openWal()).toEqual([]);
    },
  );

  it('a queue without a write-ahead log (in memory) is flushed by a durable commit instead', async () => {
    const db = new DatabaseSync(':memory:');
    migrate(db);
    const store = new QueueStore(db, () => NOW);
    expect(store.getState('flushed-at')).toBeNull();
    await store.flushed();
    expect(store.getState('flushed-at')).toBe(String(NOW));
    store.close();
  });

  it('the oldest waiting recording goes first, and each is handed out once', async () => {
    const { store } = await freshQueue(dir);
    const a = enqueueOne(store, recording('a.wav'));
    const b = enqueueOne(store, recording('b.wav'));
    expect(store.claimNext(NOW, anyDestination)?.id).toBe(a.id);
    expect(store.claimNext(NOW, anyDestination)?.id).toBe(b.id);
    expect(store.claimNext(NOW, anyDestination)).toBeNull();
    store.close();
  });

  it('only destinations the caller can send to are handed out', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav'), ['paused']);
    const b = enqueueOne(store, recording('b.wav'));
    expect(store.claimNext(NOW, (d) => d === 'et')?.id).toBe(b.id);
    expect(store.claimNext(NOW, (d) => d === 'et')).toBeNull();
    expect(store.counts().queued).toBe(1);
    store.close();
  });

  it('a retrying recording waits until its next attempt is due', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(NOW, anyDestination);
    const waiting = store.markRetrying(row.id, {
      message: 'Ender Turing answered 503: try again later',
      nextAttemptAt: NOW + 30_000,
    });
    expect(waiting).toMatchObject({ status: 'retrying', errorCode: 'transient', attempts: 1 });
    expect(store.nextWakeAt()).toBe(NOW + 30_000);
    expect(store.claimNext(NOW + 29_999, anyDestination)).toBeNull();

    const second = store.claimNext(NOW + 30_000, anyDestination);
    expect(second).toMatchObject({ id: row.id, status: 'uploading', attempts: 2 });
    expect(store.nextWakeAt()).toBeNull();
    store.close();
  });

  it('the earliest retry decides when to wake', async () => {
    const { store } = await freshQueue(dir);
    const a = enqueueOne(store, recording('a.wav'));
    const b = enqueueOne(store, recording('b.wav'));
    claim(store, NOW);
    claim(store, NOW);
    store.markRetrying(a.id, { message: 'timeout', nextAttemptAt: NOW + 9_000 });
    store.markRetrying(b.id, {
      message: 'timeout',
      code: 'uncertain',
      nextAttemptAt: NOW + 4_000,
    });
    expect(store.nextWakeAt()).toBe(NOW + 4_000);
    expect(store.get(b.id)?.errorCode).toBe('uncertain');
    store.close();
  });
});

describe('settling an attempt', () => {
  it('a delivered recording keeps the platform id and when it was delivered', async () => {
    const { store } = await freshQueue(dir, () => NOW);
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(NOW, anyDestination);
    store.markRetrying(row.id, { message: 'HTTP 503', nextAttemptAt: NOW });
    store.claimNext(NOW, anyDestination);
    const done = store.markUploaded(row.id, { remoteId: 'sess-42', url: 'https://et/s/42' });
    expect(done).toMatchObject({
      status: 'uploaded',
      remoteId: 'sess-42',
      remoteUrl: 'https://et/s/42',
      uploadedAt: NOW,
      error: null,
      errorCode: null,
      nextAttemptAt: null,
      attempts: 2,
    });
    expect(store.markProcessed(row.id).status).toBe('processed');
    expect(store.events(row.id).map((e) => e.to)).toEqual([
      'queued',
      'uploading',
      'retrying',
      'uploading',
      'uploaded',
      'processed',
    ]);
    store.close();
  });

  it('a rejected recording is failed with the platform’s reason', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(NOW, anyDestination);
    const failed = store.markFailed(row.id, {
      code: 'rejected',
      message: 'Ender Turing refused the file: unsupported sample rate',
    });
    expect(failed).toMatchObject({
      status: 'failed',
      errorCode: 'rejected',
      error: 'Ender Turing refused the file: unsupported sample rate',
    });
    store.close();
  });

  it('a person’s retry starts the attempt count again and clears the error', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(NOW, anyDestination);
    store.markFailed(row.id, { code: 'rejected', message: 'refused' });
    const again = store.requeue(row.id);
    expect(again).toMatchObject({ status: 'queued', attempts: 0, error: null, errorCode: null });
    expect(store.events(row.id).at(-1)?.message).toBe('queued again by a person');

    store.markSkipped(row.id, 'a test call, not to be analysed');
    expect(store.requeue(row.id, 'retried from the tray').status).toBe('queued');
    expect(store.events(row.id).at(-1)?.message).toBe('retried from the tray');
    store.close();
  });

  it('an interrupted upload the platform does not have goes back to the queue, keeping its attempts', async () => {
    const { store, path } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(NOW, anyDestination);

    const restarted = await openQueue(path);
    const [inFlight] = restarted.store.inFlight();
    const back = restarted.store.requeue(present(inFlight).id);
    expect(back).toMatchObject({ id: row.id, status: 'queued', attempts: 1 });
    expect(restarted.store.events(row.id).at(-1)).toMatchObject({
      from: 'uploading',
      to: 'queued',
      message: 'the interrupted upload will be sent again',
    });
    expect(restarted.store.inFlight()).toEqual([]);
    restarted.store.close();
    store.close();
  });

  it('a person can skip a waiting recording, saying why', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    expect(store.markSkipped(row.id, 'a test call')).toMatchObject({
      status: 'skipped',
      error: 'a test call',
      errorCode: null,
    });
    expect(store.claimNext(NOW, anyDestination)).toBeNull();
    store.close();
  });

  it('an unknown id is refused, saying which', async () => {
    const { store } = await freshQueue(dir);
    expect(() => store.markProcessed(404)).toThrow(UnknownRecordingError);
    expect(() => store.requeue(404)).toThrow('the queue holds no recording with id 404');
    expect(store.get(404)).toBeNull();
    expect(store.events(404)).toEqual([]);
    store.close();
  });
});
