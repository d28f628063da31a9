import { mkdir, open, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/core/store/migrations.ts';
import { openQueue } from '../../../../main/core/store/open-queue.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { anyDestination, enqueueOne, present, recording } from './queue-fixtures.ts';

const root = await tempDirForSuite('call-courier-open-queue-');
let folders = 0;

/** A folder of its own for one test, and the queue path in it. */
async function queuePath(): Promise<{ folder: string; path: string }> {
  folders += 1;
  const folder = join(root, String(folders));
  await mkdir(folder);
  return { folder, path: join(folder, 'queue.sqlite') };
}

/** A real queue file with `rows` recordings in it, closed cleanly. */
async function realQueue(path: string, rows: number): Promise<void> {
  const { store } = await openQueue(path);
  for (let i = 0; i < rows; i += 1) {
    const name = `2024-04-01_${String(i).padStart(4, '0')}.wav`;
    store.enqueue(recording(name, name, { metadata: { agentId: 'x'.repeat(200), callId: name } }), [
      'et',
      'tethr',
    ]);
  }
  store.close();
}

describe('opening the queue file', () => {
  it('creates the folder and a new file in WAL mode with the current schema', async () => {
    const path = join(root, 'new', 'data', 'queue.sqlite');
    const { store, recovery } = await openQueue(path);
    expect(recovery).toBeUndefined();
    store.close();
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: SCHEMA_VERSION });
    db.close();
  });

  it('a row survives reopening the file', async () => {
    const { path } = await queuePath();
    const first = await openQueue(path);
    const row = enqueueOne(first.store, recording('a.wav'));
    first.store.setState('paused', 'true');
    first.store.close();

    const second = await openQueue(path);
    expect(second.recovery).toBeUndefined();
    expect(second.store.get(row.id)).toEqual(row);
    expect(second.store.getState('paused')).toBe('true');
    second.store.close();
  });

  it('a change is on disk before the method returns, without closing the store', async () => {
    const { path } = await queuePath();
    const { store } = await openQueue(path);
    const row = enqueueOne(store, recording('a.wav'));
    store.claimNext(Date.now(), anyDestination);
    // A second connection, as a restarted process would open it while the first is still running.
    const other = await openQueue(path);
    expect(other.store.get(row.id)?.status).toBe('uploading');
    other.store.close();
    store.close();
  });

  it('a database of schema 1 is migrated in place, its rows kept, with no warnings yet', async () => {
    const { path } = await queuePath();
    const db = new DatabaseSync(path);
    MIGRATIONS[0]?.up(db);
    db.exec('PRAGMA user_version = 1');
    db.prepare(
      `INSERT INTO recordings (path, file_name, destination, size_bytes, mtime_ms, sha256,
         metadata, audio, search_text, status, created_at, updated_at)
       VALUES ('/r/a.wav', 'a.wav', 'et', 10, 1, 'abc', '{}', NULL, 'a.wav', 'uploaded', 1, 1)`,
    ).run();
    db.close();
    const { store, recovery } = await openQueue(path);
    expect(recovery).toBeUndefined();
    expect(store.list().items).toMatchObject([
      { fileName: 'a.wav', status: 'uploaded', warnings: [] },
    ]);
    store.close();
  });

  it('migration steps are numbered from 1 without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
  });

  it('a corrupt database is moved aside and a fresh one opened', async () => {
    const { folder, path } = await queuePath();
    await realQueue(path, 1);
    const garbage = Buffer.alloc(16_384, 0x5a);
    await writeFile(path, garbage);
    await writeFile(`${path}-wal`, 'left-over log');

    const { store, recovery } = await openQueue(path, { now: () => Date.UTC(2024, 3, 1, 15, 20) });
    expect(recovery).toEqual({
      movedTo: join(folder, 'queue.sqlite.corrupt-2024-04-01T15-20-00.000Z'),
      reason: 'queue.sqlite is not a SQLite database',
    });
    expect(await readFile(present(recovery).movedTo)).toEqual(garbage);
    expect(await readFile(`${present(recovery).movedTo}-wal`, 'utf8')).toBe('left-over log');
    expect(store.counts().queued).toBe(0);
    store.enqueue(recording('a.wav'), ['et']);
    store.close();

    const again = await openQueue(path);
    expect(again.recovery).toBeUndefined();
    expect(again.store.counts().queued).toBe(1);
    again.store.close();
  });

  it('a truncated database is moved aside, and its reason says it is damaged', async () => {
    const { folder, path } = await queuePath();
    await realQueue(path, 400);
    await truncate(path, Math.floor((await stat(path)).size / 2));

    const { store, recovery } = await openQueue(path);
    expect(recovery?.reason).toMatch(/^queue\.sqlite (is damaged|failed its integrity check)/);
    expect(store.list().items).toEqual([]);
    store.close();
    const names = await readdir(folder);
    expect(names.filter((n) => n.startsWith('queue.sqlite.corrupt-'))).toHaveLength(1);
  });

  it('a queue left by a crash (its WAL still there) is checked page by page: a damaged page is found', async () => {
    const { path } = await queuePath();
    await realQueue(path, 400);
    await spoilMiddlePage(path);
    await writeFile(`${path}-wal`, 'left by a process that did not close the queue');

    const { store, recovery } = await openQueue(path);
    expect(recovery?.reason).toMatch(/^queue\.sqlite (is damaged|failed its integrity check)/);
    store.close();
  });

  it('a queue closed cleanly and whole (as long as its header says) opens without the page-by-page check', async () => {
    const { path } = await queuePath();
    await realQueue(path, 400);
    // Damage that only reading every page finds: after a clean close it is not looked for.
    await spoilMiddlePage(path);

    const { store, recovery } = await openQueue(path);
    expect(recovery).toBeUndefined();
    store.close();
  });

  it('a database from a newer version is moved aside rather than misread', async () => {
    const { path } = await queuePath();
    await realQueue(path, 1);
    const db = new DatabaseSync(path);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();

    const { store, recovery } = await openQueue(path);
    expect(recovery?.reason).toBe(
      `queue.sqlite was written by a newer version of Call Courier (schema ${SCHEMA_VERSION + 1}; ` +
        `this version knows up to ${SCHEMA_VERSION})`,
    );
    expect(store.counts().queued).toBe(0);
    store.close();
  });

  it('two recoveries in the same millisecond keep both damaged files', async () => {
    const { folder, path } = await queuePath();
    const at = () => Date.UTC(2024, 3, 1);
    await writeFile(path, 'not a database at all, first'.repeat(100));
    (await openQueue(path, { now: at })).store.close();
    await writeFile(path, 'not a database at all, second'.repeat(100));
    const { store, recovery } = await openQueue(path, { now: at });
    store.close();
    expect(recovery?.movedTo).toBe(`${path}.corrupt-2024-04-01T00-00-00.000Z-2`);
    const names = await readdir(folder);
    expect(names.filter((n) => n.startsWith('queue.sqlite.corrupt-')).sort()).toEqual([
      'queue.sqlite.corrupt-2024-04-01T00-00-00.000Z',
      'queue.sqlite.corrupt-2024-04-01T00-00-00.000Z-2',
    ]);
  });

  it('a database locked by another process is not mistaken for a damaged one', async () => {
    const { folder, path } = await queuePath();
    const holder = new DatabaseSync(path);
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)');

    await expect(openQueue(path, { busyTimeoutMs: 10 })).rejects.toThrow(/locked/);
    expect(await readdir(folder)).not.toContainEqual(expect.stringContaining('corrupt'));
    holder.exec('ROLLBACK');
    holder.close();
  });
});

/** Overwrites one page in the middle of the file with garbage, keeping its length. */
async function spoilMiddlePage(path: string): Promise<void> {
  const size = (await stat(path)).size;
  const file = await open(path, 'r+');
  try {
    await file.write(Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
  } finally {
    await file.close();
  }
  expect((await stat(path)).size).toBe(size);
}
