import { describe, expect, it } from 'vitest';
import { RECORDING_STATUSES } from '../../../../main/core/store/recording-status.ts';
import {
  assertTransition,
  canTransition,
  IllegalTransitionError,
  TRANSITIONS,
} from '../../../../main/core/store/transitions.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { anyDestination, enqueueOne, freshQueue, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-transitions-');

describe('the life of a recording at a destination', () => {
  it('allows exactly the transitions of the design, and the ways back a person or recovery needs', () => {
    const allowed = RECORDING_STATUSES.flatMap((from) =>
      RECORDING_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'queued→uploading',
        'queued→skipped',
        'queued→failed',
        'uploading→uploaded',
        'uploading→retrying',
        'uploading→failed',
        'uploading→queued',
        'uploading→skipped',
        'retrying→uploading',
        'retrying→failed',
        'retrying→skipped',
        'retrying→queued',
        'uploaded→processed',
        'uploaded→failed',
        'failed→queued',
        'failed→skipped',
        'skipped→queued',
      ].sort(),
    );
  });

  it('a processed recording goes nowhere', () => {
    expect(TRANSITIONS.processed).toEqual([]);
  });

  it('an illegal transition throws, naming both states', () => {
    expect(() => assertTransition('queued', 'uploaded', 7)).toThrow(
      new IllegalTransitionError('queued', 'uploaded', 7),
    );
    expect(() => assertTransition('uploaded', 'queued')).toThrow(
      'a recording cannot go from uploaded to queued',
    );
  });

  it('the store refuses an illegal transition and leaves the row as it was', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav'));
    const id = row.id;
    expect(() => store.markUploaded(id, { remoteId: 'r1' })).toThrow(IllegalTransitionError);
    expect(() => store.markProcessed(id)).toThrow('cannot go from queued to processed');
    expect(() => store.requeue(id)).toThrow(IllegalTransitionError);
    expect(store.get(id)?.status).toBe('queued');
    expect(store.events(id)).toHaveLength(1);

    store.claimNext(Date.now(), anyDestination);
    store.markUploaded(id, { remoteId: 'r1' });
    expect(() => store.markSkipped(id, 'not wanted')).toThrow(IllegalTransitionError);
    expect(() => store.requeue(id)).toThrow(IllegalTransitionError);
    expect(store.get(id)?.status).toBe('uploaded');
    store.close();
  });
});
