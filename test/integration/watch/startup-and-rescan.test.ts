import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { folderAt, freshFolder, readyAt, watchRecordings, writeAged } from './watch-harness.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-watch-');
});

describe('recordings already in the folder', () => {
  it('are reported as soon as the start-up scan is done, except those before backfillSince', async () => {
    const dir = await freshFolder(base, 'existing');
    await writeAged(join(dir, 'last-week.wav'), 7 * DAY_MS);
    await writeAged(join(dir, 'this-morning.wav'), 3 * HOUR_MS, 321);
    const w = watchRecordings([folderAt(dir)], {
      stableForSeconds: 5,
      backfillSince: new Date(Date.now() - DAY_MS),
    });

    await w.watcher.start();

    // Finished long ago: no five-second wait, and nothing from before the backfill date.
    expect(w.ready.map((r) => [r.path, r.sizeBytes])).toEqual([
      [join(dir, 'this-morning.wav'), 321],
    ]);
  });

  it('a recording still being written at start waits for the stability window', async () => {
    const dir = await freshFolder(base, 'in-progress');
    const path = join(dir, 'in-progress.wav');
    await writeFile(path, Buffer.alloc(100));
    const w = watchRecordings([folderAt(dir)]);

    await w.watcher.start();
    expect(w.readyFor(path)).toEqual([]);

    await w.nextReady(readyAt(path, 100));
  });
});

describe('rescans catch what change events missed', () => {
  // Polling once an hour stands in for a share whose events were lost: only a scan sees new files.
  const deaf = { usePolling: true };

  it('rescan() finds a recording the watcher did not see, and reports nothing twice', async () => {
    const dir = await freshFolder(base, 'rescan');
    await writeAged(join(dir, 'already.wav'), HOUR_MS);
    const w = watchRecordings([folderAt(dir, deaf)], { pollIntervalMs: HOUR_MS });
    await w.watcher.start();
    await w.nextReady(readyAt(join(dir, 'already.wav')));

    const missed = join(dir, 'copied-in.wav');
    await writeAged(missed, HOUR_MS);
    await w.watcher.rescan();

    expect(w.readyFor(missed)).toHaveLength(1);
    expect(w.readyFor(join(dir, 'already.wav'))).toHaveLength(1);
  });

  it('the periodic rescan finds a recording written while events were not arriving', async () => {
    const dir = await freshFolder(base, 'periodic');
    const w = watchRecordings([folderAt(dir, deaf)], {
      pollIntervalMs: HOUR_MS,
      rescanIntervalMs: 300,
    });
    await w.watcher.start();

    const missed = join(dir, 'missed.wav');
    await writeFile(missed, Buffer.alloc(200));

    await w.nextReady(readyAt(missed, 200));
  });

  it('a rescan reports a recording that changed since it was reported', async () => {
    const dir = await freshFolder(base, 'changed');
    const path = join(dir, 'call.wav');
    await writeAged(path, HOUR_MS, 100);
    const w = watchRecordings([folderAt(dir, deaf)], { pollIntervalMs: HOUR_MS });
    await w.watcher.start();

    await writeAged(path, HOUR_MS / 2, 150);
    await w.watcher.rescan();

    expect(w.readyFor(path).map((r) => r.sizeBytes)).toEqual([100, 150]);
  });
});
