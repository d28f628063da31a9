import { describe, expect, it } from 'vitest';
import {
  ContentBeingSentError,
  ContentHashNeededError,
} from '../../../../main/core/store/queue-errors.ts';
import { PENDING_SHA256 } from '../../../../main/core/store/recording-row.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { claim, enqueueOne, freshQueue, present, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-pending-hash-');

/** A big recording as intake hands it over when it leaves the hash to the upload. */
function unhashed(name: string, content = name) {
  return recording(name, content, { sha256: PENDING_SHA256 });
}

describe('recordings whose content hash their upload learns', () => {
  it('is queued with its hash pending when nothing could be its copy, and takes the hash once it is learnt', async () => {
    const { store } = await freshQueue(dir);
    const row = enqueueOne(store, unhashed('big.wav', 'BIG'));
    expect(row).toMatchObject({ status: 'queued', sha256: PENDING_SHA256 });

    const hashed = recording('big.wav', 'BIG');
    expect(store.fillContentHash(row.id, hashed.sha256)).toBe(true);
    expect(store.get(row.id)?.sha256).toBe(hashed.sha256);
    // A hash is stored once: a second one (a wrong one) does not replace it.
    expect(store.fillContentHash(row.id, recording('x', 'OTHER').sha256)).toBe(false);
    expect(store.get(row.id)?.sha256).toBe(hashed.sha256);

    // From now on a copy under another name is known for what it is.
    const copy = enqueueOne(store, recording('big (copy).wav', 'BIG'));
    expect(copy).toMatchObject({ status: 'skipped', errorCode: 'duplicate' });
    store.close();
  });

  it('must be hashed first when a recording of its size is queued under another name, and nothing is written', async () => {
    const { store } = await freshQueue(dir);
    enqueueOne(store, recording('a.wav', 'AAA'));
    const before = store.list({}).items.length;
    expect(() => enqueueOne(store, unhashed('b.wav', 'BBB'))).toThrow(ContentHashNeededError);
    expect(store.list({}).items.length).toBe(before);
    // Of another size it could be the copy of nothing.
    expect(enqueueOne(store, unhashed('c.wav', 'CCCC')).sha256).toBe(PENDING_SHA256);
    store.close();
  });

  it('must be hashed first when its path has a row already (its content is compared with that)', async () => {
    const { store } = await freshQueue(dir);
    enqueueOne(store, recording('a.wav', 'AAA'));
    expect(() => enqueueOne(store, unhashed('a.wav', 'AAAA'))).toThrow(ContentHashNeededError);
    store.close();
  });

  it('names the pending rows of the same size that a hashed recording must be compared with, and takes their word once tried', async () => {
    const { store } = await freshQueue(dir);
    const pending = enqueueOne(store, unhashed('big.wav', 'BIG'));
    const copy = recording('big (copy).wav', 'BIG');

    let needed: unknown;
    try {
      enqueueOne(store, copy);
    } catch (error) {
      needed = error;
    }
    expect(needed).toBeInstanceOf(ContentHashNeededError);
    expect((needed as ContentHashNeededError).pending.map((r) => r.id)).toEqual([pending.id]);

    // The caller hashed its file and learnt it is the same content: a duplicate.
    store.fillContentHash(pending.id, copy.sha256);
    const skipped = enqueueOne(store, copy, 'et', { pendingTried: new Set([pending.id]) });
    expect(skipped).toMatchObject({ status: 'skipped', errorCode: 'duplicate' });

    // Its file could not be hashed (changed since): it is not asked for again, and a
    // recording of its size is queued on its own.
    const other = enqueueOne(store, unhashed('other.wav', 'OTH'), 'tethr');
    const third = recording('third.wav', 'THR');
    expect(() => enqueueOne(store, third, 'tethr')).toThrow(ContentHashNeededError);
    const queued = enqueueOne(store, third, 'tethr', { pendingTried: new Set([other.id]) });
    expect(queued.status).toBe('queued');
    store.close();
  });

  it('waits while a pending row it must be compared with is being sent', async () => {
    const { store } = await freshQueue(dir);
    const big = enqueueOne(store, unhashed('big.wav', 'BIG'));
    expect(claim(store).id).toBe(big.id);
    // The same path saved again, and a recording of the same size under another name.
    expect(() => enqueueOne(store, recording('big.wav', 'BIG', { mtimeMs: 5 }))).toThrow(
      ContentBeingSentError,
    );
    expect(() => enqueueOne(store, recording('copy.wav', 'BIG'))).toThrow(ContentBeingSentError);
    expect(store.rowsForPath(big.path)).toHaveLength(1);

    // Its upload learnt the hash: the saved-again file is the same content.
    store.fillContentHash(big.id, recording('big.wav', 'BIG').sha256);
    const same = enqueueOne(store, recording('big.wav', 'BIG', { mtimeMs: 5 }));
    expect(same.id).toBe(big.id);
    store.close();
  });

  it('keeps a pending row pending when another row at its path holds the content it would take', async () => {
    const { store } = await freshQueue(dir);
    const big = enqueueOne(store, unhashed('big.wav', 'BIG'));
    claim(store);
    store.markUploaded(big.id, { remoteId: 'r1' });
    // The file changed after its delivery, before any hash was learnt: new content, new row.
    const newer = enqueueOne(store, recording('big.wav', 'NEW', { mtimeMs: 9 }));
    expect(newer.id).not.toBe(big.id);
    expect(store.fillContentHash(big.id, newer.sha256)).toBe(false);
    expect(present(store.get(big.id)).sha256).toBe(PENDING_SHA256);
    store.close();
  });
});
