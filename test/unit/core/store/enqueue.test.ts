import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import {
  anyDestination,
  enqueueOne,
  enqueueTwo,
  freshQueue,
  present,
  recording,
} from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-enqueue-');

describe('queueing a recording for its destinations', () => {
  it('one row per destination, queued, with the facts intake found', async () => {
    const { store } = await freshQueue(dir);
    const found = recording('2024-04-01_101_555.wav');
    const rows = store.enqueue(found, ['et', 'tethr', 'et']);
    expect(rows.map((r) => [r.destination, r.status, r.attempts])).toEqual([
      ['et', 'queued', 0],
      ['tethr', 'queued', 0],
    ]);
    expect(rows[0]).toMatchObject({ ...found, error: null, errorCode: null, remoteId: null });
    expect(store.events(present(rows[0]).id)).toMatchObject([
      { from: null, to: 'queued', message: 'found and queued' },
    ]);
    store.close();
  });

  it('the same file seen again adds nothing and returns the rows it already has', async () => {
    const { store } = await freshQueue(dir);
    const first = enqueueOne(store, recording('a.wav'));
    store.claimNext(Date.now(), anyDestination);
    const again = store.enqueue(recording('a.wav'), ['et']);
    expect(again).toEqual([store.get(first.id)]);
    expect(again[0]?.status).toBe('uploading');
    expect(store.list().items).toHaveLength(1);
    store.close();
  });

  it('a destination added later gets its own row for a file already delivered elsewhere', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav'), ['et']);
    const rows = store.enqueue(recording('a.wav'), ['et', 'tethr']);
    expect(rows.map((r) => [r.destination, r.status])).toEqual([
      ['et', 'queued'],
      ['tethr', 'queued'],
    ]);
    store.close();
  });

  it('the same content under another name is skipped, naming the earlier file', async () => {
    const { store } = await freshQueue(dir);
    const original = enqueueOne(store, recording('a.wav', 'call 1'));
    store.claimNext(Date.now(), anyDestination);
    store.markUploaded(original.id, { remoteId: 'r1' });

    const copy = enqueueOne(store, recording('copy-of-a.wav', 'call 1'));
    expect(copy).toMatchObject({
      status: 'skipped',
      errorCode: 'duplicate',
      error: 'same recording as /var/spool/asterisk/monitor/a.wav, already delivered',
    });
    expect(store.events(copy.id)).toMatchObject([{ from: null, to: 'skipped' }]);
    store.close();
  });

  it('the same content still waiting under another name is skipped as already queued', async () => {
    const { store } = await freshQueue(dir);
    store.enqueue(recording('a.wav', 'call 1'), ['et']);
    const [copy, elsewhere] = enqueueTwo(store, recording('b.wav', 'call 1'));
    expect(copy).toMatchObject({
      status: 'skipped',
      error: 'same recording as /var/spool/asterisk/monitor/a.wav, already queued',
    });
    // Another destination has not seen this content yet: it gets it.
    expect(elsewhere.status).toBe('queued');
    store.close();
  });

  it('content that failed under another name is not a reason to skip', async () => {
    const { store } = await freshQueue(dir);
    const first = enqueueOne(store, recording('a.wav', 'call 1'));
    store.markFailed(first.id, { code: 'corrupt', message: 'damaged header' });
    const second = enqueueOne(store, recording('b.wav', 'call 1'));
    expect(second.status).toBe('queued');
    store.close();
  });

  it('new content at the same path replaces a row that has not been sent, and queues it again', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav', 'first take'));
    store.claimNext(Date.now(), anyDestination);
    store.markRetrying(row.id, { message: 'HTTP 503', nextAttemptAt: 0 });

    const changed = recording('a.wav', 'second, longer take', { metadata: { agentId: '102' } });
    const [updated] = store.enqueue(changed, ['et']);
    expect(updated).toMatchObject({
      id: row.id,
      status: 'queued',
      sha256: changed.sha256,
      sizeBytes: changed.sizeBytes,
      metadata: { agentId: '102' },
      attempts: 0,
      nextAttemptAt: null,
      error: null,
    });
    expect(store.list().items).toHaveLength(1);
    expect(store.events(row.id).map((e) => e.to)).toEqual([
      'queued',
      'uploading',
      'retrying',
      'retrying',
      'queued',
    ]);
    store.close();
  });

  it('a failed row whose file was fixed is queued again', async () => {
    const { store } = await freshQueue(dir);
    const problems = [{ code: 'mono' as const, message: 'mono file', destination: 'et' }];
    const row = enqueueOne(store, recording('a.wav', 'mono take'), 'et', { problems });
    expect(row.status).toBe('failed');
    const fixed = enqueueOne(store, recording('a.wav', 'stereo take'));
    expect(fixed).toMatchObject({ id: row.id, status: 'queued', error: null, errorCode: null });
    store.close();
  });

  it('new content at a path already delivered is a new recording, kept beside the delivered one', async () => {
    const { store } = await freshQueue(dir);
    const first = enqueueOne(store, recording('a.wav', 'monday'));
    store.claimNext(Date.now(), anyDestination);
    store.markUploaded(first.id, { remoteId: 'r1' });
    const second = enqueueOne(store, recording('a.wav', 'tuesday'));
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe('queued');
    expect(store.get(first.id)?.status).toBe('uploaded');
    store.close();
  });

  it('a file with a problem is recorded as failed, only for the destination the problem names', async () => {
    const { store } = await freshQueue(dir);
    const rows = store.enqueue(recording('mono.wav'), ['et', 'tethr'], {
      problems: [
        { code: 'mono', message: 'mono file: Ender Turing needs stereo', destination: 'et' },
        { code: 'too-large', message: 'Ender Turing accepts files up to 1 GB', destination: 'et' },
      ],
    });
    expect(rows.map((r) => [r.destination, r.status, r.errorCode, r.error])).toEqual([
      [
        'et',
        'failed',
        'mono',
        'mono file: Ender Turing needs stereo; Ender Turing accepts files up to 1 GB',
      ],
      ['tethr', 'queued', null, null],
    ]);
    store.close();
  });

  it('a problem of the file itself fails every destination', async () => {
    const { store } = await freshQueue(dir);
    const rows = store.enqueue(recording('empty.wav', '', { audio: null }), ['et', 'tethr'], {
      problems: [{ code: 'empty', message: 'the file is empty (0 bytes)' }],
    });
    expect(rows.map((r) => [r.status, r.errorCode])).toEqual([
      ['failed', 'empty'],
      ['failed', 'empty'],
    ]);
    expect(rows[0]?.audio).toBeNull();
    store.close();
  });

  it('a skipped row that gets a bad new file is failed through the queue, its history complete', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, recording('a.wav', 'take 1'));
    store.markSkipped(row.id, 'test call');
    const problems = [{ code: 'corrupt' as const, message: 'damaged header' }];
    const updated = enqueueOne(store, recording('a.wav', 'take 2'), 'et', { problems });
    expect(updated).toMatchObject({ status: 'failed', errorCode: 'corrupt' });
    expect(store.events(row.id).map((e) => `${e.from}→${e.to}`)).toEqual([
      'null→queued',
      'queued→skipped',
      'skipped→skipped',
      'skipped→queued',
      'queued→failed',
    ]);
    store.close();
  });
});

describe('routing rules and warnings kept with each row', () => {
  it('a destination whose rule does not take the recording gets a skipped row saying which rule', async () => {
    const { store } = await freshQueue(dir);
    const rows = store.enqueue(recording('2024-04-01_101_555.wav'), ['et', 'tethr'], {
      skips: [{ destination: 'tethr', message: 'tethr takes only direction OUT; this call is IN' }],
    });
    expect(rows.map((r) => [r.destination, r.status, r.errorCode, r.error])).toEqual([
      ['et', 'queued', null, null],
      ['tethr', 'skipped', 'rule', 'tethr takes only direction OUT; this call is IN'],
    ]);
    store.close();
  });

  it('warnings stay with the rows of their destination, and survive reading back', async () => {
    const { store } = await freshQueue(dir);
    const rows = store.enqueue(recording('b.wav'), ['et', 'tethr'], {
      warnings: [
        {
          code: 'name',
          message: 'Ender Turing will not read the agent from this name',
          destination: 'et',
        },
        { code: 'sidecar', message: 'b.json is not valid JSON' },
      ],
    });
    const [et, tethr] = rows.map((r) => present(store.get(r.id)));
    expect(et?.warnings).toEqual([
      'Ender Turing will not read the agent from this name',
      'b.json is not valid JSON',
    ]);
    expect(tethr?.warnings).toEqual(['b.json is not valid JSON']);
    store.close();
  });
});
