import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runAfterUpload } from '../../../main/core/service/after-upload.ts';
import {
  RecordingLogger,
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { notPlainWords } from '../bad-input/plain-words.ts';
import { makeReadOnly, mountApart } from './read-only-folder.ts';
import { callName, sha256, uniqueWav } from './recordings.ts';

let rig: DeliveryRig | undefined;
const undo: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of undo.splice(0).reverse()) await step();
  await rig?.stop();
  rig = undefined;
});

const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** A rig whose post-upload action moves delivered recordings to `archive` (below its root). */
function movingTo(archive: (root: string) => string) {
  return startRig('archive', {
    configure: (base) => {
      const root = join(String(base.watch[0]?.['path']), '..');
      return {
        ...base,
        upload: { ...base.upload, afterUpload: { action: 'move', archiveDir: archive(root) } },
      };
    },
  });
}

/** Writes a recording, waits until it is delivered, and answers its path and bytes. */
async function delivered(r: DeliveryRig, n: number): Promise<{ path: string; bytes: Buffer }> {
  const path = join(r.folder, callName(n));
  const bytes = uniqueWav(n);
  await writeFile(path, bytes);
  await waitForStatus(r.service, (s) => s.counts.uploaded === 1);
  return { path, bytes };
}

/** The post-upload action, run as the service's minute timer runs it. */
function runMove(r: DeliveryRig, log: RecordingLogger) {
  return runAfterUpload(r.service.store, r.settings, Date.now(), log);
}

describe('the archive folder of the post-upload move', () => {
  it('a missing archive folder is created, and the delivered recording is filed there', async () => {
    rig = await movingTo((root) => join(root, 'not', 'yet', 'archive'));
    const { path, bytes } = await delivered(rig, 40);
    expect(await runMove(rig, new RecordingLogger())).toBe(1);
    expect(await readFile(join(rig.root, 'not', 'yet', 'archive', callName(40)))).toEqual(bytes);
    expect(await exists(path)).toBe(false);
    expect(rig.emulator.uploads).toHaveLength(1);
  });

  it('a restart files a recording delivered before it, and has done so once the service has settled', async () => {
    rig = await movingTo((root) => join(root, 'archive'));
    // A copy across file systems, of a recording of two minutes, is slower than the restart's scan.
    const archive = join(rig.root, 'archive');
    await mkdir(archive);
    undo.push(await mountApart(archive));
    const path = join(rig.folder, callName(43));
    const bytes = uniqueWav(43, 120);
    await writeFile(path, bytes);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    // The minute timer has not run yet: the recording is still where it was written.
    expect(await exists(path)).toBe(true);

    const service = await rig.startService();
    await service.settled();
    expect(await readFile(join(rig.root, 'archive', callName(43)))).toEqual(bytes);
    expect(await exists(path)).toBe(false);
    expect(service.store.rowsForPath(path)[0]?.afterUploadDoneAt).not.toBeNull();
  });

  it('a read-only archive folder: the recording stays where it is, the reason is said once in plain words, it is not delivered again, and it is filed once the folder is writable', async () => {
    rig = await movingTo((root) => join(root, 'archive'));
    const archive = join(rig.root, 'archive');
    await mkdir(archive);
    undo.push(await makeReadOnly(archive));
    const { path, bytes } = await delivered(rig, 41);
    const log = new RecordingLogger();

    // Tried three times (three minutes of the service's timer): it stays, said once.
    for (let run = 0; run < 3; run += 1) expect(await runMove(rig, log)).toBe(0);
    expect(await readFile(path)).toEqual(bytes);
    const [row, ...others] = rig.service.store.rowsForPath(path);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ status: 'uploaded', afterUploadDoneAt: null });
    const reasons = rig.service.store
      .events(row?.id ?? -1)
      .map((e) => e.message)
      .filter((m) => m.includes('could not be moved'));
    expect(reasons).toHaveLength(1);
    const reason = reasons[0] ?? '';
    expect(reason).toMatch(
      process.getuid?.() === 0
        ? /archive folder .* is on a read-only disk or share: make it writable, or choose another archive folder in settings/
        : /not allowed to write to the archive folder/,
    );
    expect(reason).toMatch(/The recording stays where it is/);
    expect(notPlainWords(reason)).toEqual([]);
    expect(log.lines.filter((l) => l.level !== 'info')).toEqual([
      { level: 'error', message: `${callName(41)} was ${reason}`, fields: { path } },
    ]);

    // A restart (its scan finds the recording still there) changes nothing: it is not sent again.
    const service = await rig.startService();
    await service.settled();
    expect((await service.status()).counts).toMatchObject({ uploaded: 1, queued: 0 });
    expect(rig.emulator.uploads.map((u) => u.sha256)).toEqual([sha256(bytes)]);

    // Writable again: filed at the next run.
    await undo.pop()?.();
    expect(await runMove(rig, log)).toBe(1);
    expect(await readFile(join(archive, callName(41)))).toEqual(bytes);
    expect(await exists(path)).toBe(false);
    console.info(
      `FIGURES archive-read-only: ${JSON.stringify({ files: 1, faults: 1, lost: 0, duplicates: 0 })}`,
    );
  });

  it('an archive folder that cannot be created, as part of its path is a file: the recording stays, and the reason says so', async () => {
    rig = await movingTo((root) => join(root, 'blocker.txt', 'archive'));
    await writeFile(join(rig.root, 'blocker.txt'), 'not a folder');
    const { path, bytes } = await delivered(rig, 42);
    const log = new RecordingLogger();
    expect(await runMove(rig, log)).toBe(0);
    expect(await readFile(path)).toEqual(bytes);
    const [row] = rig.service.store.rowsForPath(path);
    expect(rig.service.store.events(row?.id ?? -1).at(-1)?.message).toBe(
      `delivered, but could not be moved to the archive: the archive folder ${join(rig.root, 'blocker.txt', 'archive')} cannot be created because part of its path is a file, not a folder: fix the archive folder in settings. The recording stays where it is, and moving it is tried again every minute`,
    );
    expect(rig.emulator.uploads).toHaveLength(1);
  });
});
