import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { folderAt, freshFolder, readyAt, watchRecordings } from './watch-harness.ts';

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-watch-');
});

describe('watch folders', () => {
  it('a folder that is not recursive ignores its sub-folders', async () => {
    const dir = await freshFolder(base, 'flat');
    await mkdir(join(dir, 'archive'));
    await writeFile(join(dir, 'archive', 'old.wav'), Buffer.alloc(10));
    const w = watchRecordings([folderAt(dir, { recursive: false })]);
    await w.watcher.start();

    await writeFile(join(dir, 'archive', 'new.wav'), Buffer.alloc(10));
    const top = join(dir, 'top.wav');
    await writeFile(top, Buffer.alloc(10));
    await w.nextReady(readyAt(top));
    await w.watcher.rescan();

    expect(w.ready.map((r) => r.path)).toEqual([top]);
  });

  it('a recursive folder reports recordings in sub-folders created after start', async () => {
    const dir = await freshFolder(base, 'by-date');
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();

    await mkdir(join(dir, '2025', '01', '02'), { recursive: true });
    const path = join(dir, '2025', '01', '02', 'call.wav');
    await writeFile(path, Buffer.alloc(10));

    await w.nextReady(readyAt(path, 10));
  });

  it('a folder watched by polling reports new recordings', async () => {
    const dir = await freshFolder(base, 'share');
    const w = watchRecordings([folderAt(dir, { usePolling: true })], { pollIntervalMs: 100 });
    await w.watcher.start();

    const path = join(dir, 'from-the-share.wav');
    await writeFile(path, Buffer.alloc(42));

    await w.nextReady(readyAt(path, 42));
  });

  it('a missing watch folder is explained in plain words while the other folders keep working', async () => {
    const missing = join(base, 'not-created-yet');
    const dir = await freshFolder(base, 'working');
    const w = watchRecordings([folderAt(missing), folderAt(dir)]);
    await w.watcher.start();

    const problem = await w.nextError((p) => p.path === missing);
    expect(problem.message).toBe(
      `the folder ${missing} does not exist: create it or fix the path in settings`,
    );
    const path = join(dir, 'call.wav');
    await writeFile(path, Buffer.alloc(10));
    await w.nextReady(readyAt(path));

    // Once someone creates the folder, its recordings arrive without a restart.
    await mkdir(missing);
    const late = join(missing, 'late.wav');
    await writeFile(late, Buffer.alloc(10));
    await w.nextReady(readyAt(late));
  });

  it('a symbolic link loop is not followed round and round', async () => {
    const dir = await freshFolder(base, 'loop');
    await mkdir(join(dir, 'calls'));
    await symlink(dir, join(dir, 'calls', 'back-to-top'));
    const before = join(dir, 'calls', 'before.wav');
    await writeFile(before, Buffer.alloc(10));
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();

    const after = join(dir, 'calls', 'after.wav');
    await writeFile(after, Buffer.alloc(10));
    await w.nextReady(readyAt(after));
    await w.watcher.rescan();

    expect(w.ready.map((r) => r.path).sort()).toEqual([after, before]);
  });
});

describe('settings applied live', () => {
  it('replaceFolders stops watching removed folders and starts new ones', async () => {
    const oldDir = await freshFolder(base, 'old-folder');
    const newDir = await freshFolder(base, 'new-folder');
    const waiting = join(newDir, 'waiting.wav');
    await writeFile(waiting, Buffer.alloc(10));
    const w = watchRecordings([folderAt(oldDir)]);
    await w.watcher.start();

    await w.watcher.replaceFolders([folderAt(newDir, { destinations: ['tethr'] })]);
    await writeFile(join(oldDir, 'after-removal.wav'), Buffer.alloc(10));
    const fresh = join(newDir, 'fresh.wav');
    await writeFile(fresh, Buffer.alloc(10));

    const report = await w.nextReady(readyAt(fresh));
    expect(report.folder.destinations).toEqual(['tethr']);
    await w.nextReady(readyAt(waiting));
    await w.watcher.rescan();
    expect(w.ready.map((r) => r.path).sort()).toEqual([fresh, waiting]);
  });

  it('a kept folder takes its new settings without reporting its recordings again', async () => {
    const dir = await freshFolder(base, 'kept-folder');
    const first = join(dir, 'first.wav');
    await writeFile(first, Buffer.alloc(10));
    const w = watchRecordings([folderAt(dir)], { pollIntervalMs: 100 });
    await w.watcher.start();
    await w.nextReady(readyAt(first));

    // Another destination: the same watcher goes on, and says where recordings go now.
    await w.watcher.replaceFolders([folderAt(dir, { destinations: ['et', 'tethr'] })]);
    const second = join(dir, 'second.wav');
    await writeFile(second, Buffer.alloc(10));
    const secondReport = await w.nextReady(readyAt(second));
    expect(secondReport.folder.destinations).toEqual(['et', 'tethr']);

    // Polling from now on needs a new chokidar watcher, but not a second report of anything.
    await w.watcher.replaceFolders([folderAt(dir, { destinations: ['tethr'], usePolling: true })]);
    const third = join(dir, 'third.wav');
    await writeFile(third, Buffer.alloc(10));
    const thirdReport = await w.nextReady(readyAt(third));
    await w.watcher.rescan();

    expect(thirdReport.folder.destinations).toEqual(['tethr']);
    expect(w.ready.map((r) => r.path)).toEqual([first, second, third]);
  });
});
