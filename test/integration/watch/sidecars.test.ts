import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { folderAt, freshFolder, readyAt, watchRecordings, writeAged } from './watch-harness.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-sidecar-');
});

/** A sidecar's text, as a recorder or a CRM export writes it. */
function details(fields: Record<string, string>): string {
  return `${JSON.stringify(fields, null, 2)}\n`;
}

describe('a sidecar is reported when it is finished', () => {
  it('a sidecar written after its recording is reported once, when it stops changing, and never as a recording', async () => {
    const dir = await freshFolder(base, 'after-upload');
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();
    const recording = join(dir, 'call.wav');
    await writeFile(recording, Buffer.alloc(100));
    await w.nextReady(readyAt(recording));

    // Written in two parts, like a CRM export that is slow to finish.
    const sidecar = join(dir, 'call.wav.json');
    const first = '{ "agentId": "agent-7",';
    const rest = ' "direction": "IN" }\n';
    await writeFile(sidecar, first);
    await delay(400);
    await appendFile(sidecar, rest);

    const report = await w.nextSidecar(readyAt(sidecar));
    expect(report.sizeBytes).toBe(Buffer.byteLength(first + rest));
    expect(report.folder.destinations).toEqual(['et']);
    await w.watcher.rescan();
    expect(w.sidecarsFor(sidecar)).toHaveLength(1);
    expect(w.ready.map((r) => r.path)).toEqual([recording]);
    expect(w.errors).toEqual([]);
  });

  it('a sidecar rewritten with other details is reported again once it settles', async () => {
    const dir = await freshFolder(base, 'rewritten');
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();
    const sidecar = join(dir, 'call.json');
    const before = details({ agentId: 'agent-7' });
    const after = details({ agentId: 'agent-7', clientId: 'client-42' });

    await writeFile(sidecar, before);
    await w.nextSidecar(readyAt(sidecar, before.length));
    await writeFile(sidecar, after);
    await w.nextSidecar(readyAt(sidecar, after.length));
    await w.watcher.rescan();

    expect(w.sidecarsFor(sidecar).map((s) => s.sizeBytes)).toEqual([before.length, after.length]);
    expect(w.ready).toEqual([]);
  });

  it('hidden, temporary and partial sidecars are never reported', async () => {
    const dir = await freshFolder(base, 'skipped');
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();
    const skipped = ['.call.json', 'call.json.tmp', 'call.wav.json.part', '~call.json'];
    for (const name of [...skipped, 'call.json.crdownload', 'call.json.filepart']) {
      await writeFile(join(dir, name), details({ agentId: 'agent-7' }));
    }

    // Written last, so every skipped file had as long to settle as this one.
    const kept = join(dir, 'kept.json');
    await writeFile(kept, details({ agentId: 'agent-7' }));
    await w.nextSidecar(readyAt(kept));
    await w.watcher.rescan();

    expect(w.sidecars.map((s) => s.path)).toEqual([kept]);
    expect(w.ready).toEqual([]);
  });

  it('a folder watched by polling reports sidecars too', async () => {
    const dir = await freshFolder(base, 'share');
    const w = watchRecordings([folderAt(dir, { usePolling: true })], { pollIntervalMs: 100 });
    await w.watcher.start();

    const sidecar = join(dir, 'from-the-share.mp3.json');
    await writeFile(sidecar, details({ queue: 'support' }));

    await w.nextSidecar(readyAt(sidecar));
    expect(w.ready).toEqual([]);
  });
});

describe('sidecars already in the folder', () => {
  it('are reported by the start-up scan, except those before backfillSince, and not again by a rescan', async () => {
    const dir = await freshFolder(base, 'existing');
    await writeAged(join(dir, 'last-week.wav.json'), 7 * DAY_MS);
    await writeAged(join(dir, 'this-morning.wav.json'), 3 * HOUR_MS, 57);
    const w = watchRecordings([folderAt(dir)], {
      stableForSeconds: 5,
      backfillSince: new Date(Date.now() - DAY_MS),
    });

    await w.watcher.start();
    await w.watcher.rescan();

    // Finished long ago: no five-second wait, and nothing from before the backfill date.
    expect(w.sidecars.map((s) => [s.path, s.sizeBytes])).toEqual([
      [join(dir, 'this-morning.wav.json'), 57],
    ]);
    expect(w.ready).toEqual([]);
  });

  it('a rescan finds a sidecar the watcher did not see, and one that changed since it was reported', async () => {
    const dir = await freshFolder(base, 'rescan');
    const changed = join(dir, 'changed.json');
    await writeAged(changed, HOUR_MS, 40);
    // Polling once an hour stands in for a share whose events were lost: only a scan sees changes.
    const w = watchRecordings([folderAt(dir, { usePolling: true })], { pollIntervalMs: HOUR_MS });
    await w.watcher.start();

    const missed = join(dir, 'copied-in.json');
    await writeAged(missed, HOUR_MS);
    await writeAged(changed, HOUR_MS / 2, 60);
    await w.watcher.rescan();

    expect(w.sidecarsFor(missed)).toHaveLength(1);
    expect(w.sidecarsFor(changed).map((s) => s.sizeBytes)).toEqual([40, 60]);
  });
});

describe('sidecars when settings change', () => {
  it('replaceFolders reports sidecars of new folders, none of removed ones, and none twice in kept ones', async () => {
    const oldDir = await freshFolder(base, 'old-folder');
    const keptDir = await freshFolder(base, 'kept-folder');
    const newDir = await freshFolder(base, 'new-folder');
    const kept = join(keptDir, 'kept.json');
    const waiting = join(newDir, 'waiting.json');
    await writeAged(kept, HOUR_MS);
    await writeAged(waiting, HOUR_MS);
    const w = watchRecordings([folderAt(oldDir), folderAt(keptDir)], { pollIntervalMs: 100 });
    await w.watcher.start();
    await w.nextSidecar(readyAt(kept));

    // The kept folder is now polled: a new chokidar watcher, but what was reported carries over.
    await w.watcher.replaceFolders([
      folderAt(keptDir, { usePolling: true }),
      folderAt(newDir, { destinations: ['tethr'] }),
    ]);
    await writeFile(join(oldDir, 'after-removal.json'), details({ agentId: 'a' }));
    const fresh = join(newDir, 'fresh.json');
    await writeFile(fresh, details({ agentId: 'b' }));

    const report = await w.nextSidecar(readyAt(fresh));
    expect(report.folder.destinations).toEqual(['tethr']);
    await w.watcher.rescan();
    expect(w.sidecars.map((s) => s.path).sort()).toEqual([fresh, kept, waiting].sort());
    expect(w.ready).toEqual([]);
  });
});
