import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { inotifyWatchedInodes } from '../../reliability/watching/inotify-watches.ts';
import { folderAt, freshFolder, readyAt, watchRecordings, writeAged } from './watch-harness.ts';

const HOUR_MS = 3_600_000;

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-events-');
});

/** Resolves once `done` holds, looking every 20 ms; fails after 10 s saying what it waited for. */
async function until(what: string, done: () => boolean): Promise<void> {
  const by = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > by) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('change events, one watch per folder', () => {
  it('each folder gets one watch as the start-up scan reaches it; a new sub-folder gets its own, a deleted one gives its back', async () => {
    const dir = await freshFolder(base, 'per-folder');
    await mkdir(join(dir, 'monday'));
    await mkdir(join(dir, 'tuesday', 'queue-1'), { recursive: true });
    await mkdir(join(dir, '.hidden'));
    const before = await inotifyWatchedInodes();
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();

    // The folder, monday, tuesday and queue-1; never the hidden one, and no file.
    expect(w.watcher.watchedFolders).toBe(4);
    const added = [...(await inotifyWatchedInodes())].filter((inode) => !before.has(inode));
    expect(added).toHaveLength(4);

    await mkdir(join(dir, 'wednesday'));
    const call = join(dir, 'wednesday', 'call.wav');
    await writeFile(call, Buffer.alloc(10));
    await w.nextReady(readyAt(call, 10));
    expect(w.watcher.watchedFolders).toBe(5);

    await rm(join(dir, 'tuesday'), { recursive: true });
    await until(
      'the deleted folders give their watches back',
      () => w.watcher.watchedFolders === 3,
    );
  });

  it('a folder moved in with recordings already in it reports each of them, at any depth, once', async () => {
    const dir = await freshFolder(base, 'moved-in');
    const outside = await freshFolder(base, 'elsewhere');
    await mkdir(join(outside, 'batch', 'inner'), { recursive: true });
    const first = join(outside, 'batch', 'first.wav');
    const deep = join(outside, 'batch', 'inner', 'deep.wav');
    await writeAged(first, HOUR_MS, 100);
    await writeAged(deep, HOUR_MS, 200);
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();

    await rename(join(outside, 'batch'), join(dir, 'batch'));

    await w.nextReady(readyAt(join(dir, 'batch', 'first.wav'), 100));
    await w.nextReady(readyAt(join(dir, 'batch', 'inner', 'deep.wav'), 200));
    // Its folders are watched from then on.
    const later = join(dir, 'batch', 'inner', 'later.wav');
    await writeFile(later, Buffer.alloc(30));
    await w.nextReady(readyAt(later, 30));
    await w.watcher.rescan();
    expect(w.ready.map((r) => r.path).sort()).toEqual(
      [join(dir, 'batch', 'first.wav'), join(dir, 'batch', 'inner', 'deep.wav'), later].sort(),
    );
  });

  it('a watch folder two levels below anything that exists is picked up as soon as both levels are made', async () => {
    const missing = join(base, 'office', 'recordings');
    const w = watchRecordings([folderAt(missing)]);
    await w.watcher.start();
    await w.nextError((p) => p.path === missing);
    expect(w.watcher.watchedFolders).toBe(0);

    await mkdir(join(base, 'office'));
    await mkdir(missing);
    const call = join(missing, 'first-call.wav');
    await writeFile(call, Buffer.alloc(10));

    // No rescan: the folder above told of it.
    await w.nextReady(readyAt(call, 10));
    expect(w.watcher.watchedFolders).toBe(1);
  });

  it('a recording waiting to settle is dropped without a word when its folder is deleted', async () => {
    const dir = await freshFolder(base, 'folder-deleted');
    await mkdir(join(dir, 'today'));
    const w = watchRecordings([folderAt(dir)], { stableForSeconds: 2 });
    await w.watcher.start();
    await writeFile(join(dir, 'today', 'short-lived.wav'), Buffer.alloc(10));
    await until('the recording waits to settle', () => w.watcher.watchedFolders === 2);
    await rm(join(dir, 'today'), { recursive: true });

    const after = join(dir, 'after.wav');
    await writeFile(after, Buffer.alloc(10));
    await w.nextReady(readyAt(after));
    expect(w.ready.map((r) => r.path)).toEqual([after]);
    expect(w.errors).toEqual([]);
  });
});
