import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  crashed,
  lastEvent,
  namesIn,
  readQueue,
  rowsNow,
  runCourier,
  sha256Of,
  starts,
  stopCourier,
  until,
  writeConfig,
  writeRecording,
} from './courier-process.ts';
import { mountTmpfs } from './tmpfs.ts';

describe('call-courier run killed with SIGKILL while it files delivered recordings', async () => {
  const root = await tempDirForSuite('call-courier-kill-archive-');
  // The archive on another file system: the move is a copy, then the original's removal.
  const archive = join(root, 'archive');
  const canMount = await mountTmpfs(archive, '16m');
  const emulator = await startEnderTuringEmulator();
  let kills = 0;
  let files = 0;
  afterAll(async () => {
    await emulator.close();
    console.info(
      `kill during move and delete: ${starts.count} service starts, ${kills} kills, ${files} files`,
    );
  });

  it.skipIf(!canMount)(
    'a recording is never lost nor half-moved when killed after a delete, while copying to the archive, after the copy and after the move',
    async () => {
      const folder = join(root, 'recordings');
      const dataDir = join(root, 'data');
      await mkdir(folder, { recursive: true });
      const recordings = await Promise.all(
        [0, 1, 2].map((n) => writeRecording(folder, n, 8 + n / 10)),
      );
      files = recordings.length;
      const configPath = join(root, 'office.json');
      const config = (afterUpload: Record<string, unknown>) =>
        writeConfig(configPath, folder, emulator.url, afterUpload);
      const move = { action: 'move', archiveDir: archive };
      const done = () => rowsNow(dataDir).filter((r) => r.afterUploadDoneAt !== null);

      // Delivered first; the post-upload action runs when the service starts, then once a minute.
      const delivering = runCourier(await config({ action: 'keep' }), dataDir);
      await until(
        'three deliveries',
        () => rowsNow(dataDir).filter((r) => r.status === 'uploaded').length === 3,
        delivering,
      );
      expect(await stopCourier(delivering)).toBe(0);
      // One at a time, in the queue's order: they are filed in the order they were delivered.
      const [first, second, third] = readQueue(dataDir).rows.map((row) =>
        recordings.find((r) => r.name === row.fileName),
      );
      if (!first || !second || !third) throw new Error('three recordings were written');

      // 1. With `delete` after 0 days: killed once the first was deleted, before the queue knows.
      await config({ action: 'delete', afterDays: 0 });
      await crashed(
        runCourier(configPath, dataDir, 'after-upload-deleted'),
        'after-upload-deleted',
      );
      kills += 1;
      expect(readQueue(dataDir).integrity).toBe('ok');
      expect(await namesIn(folder)).toEqual([second.name, third.name].sort());
      expect(done()).toHaveLength(0);

      // 2. Moving now: killed once the copy is in the archive under its temporary name. The
      // deleted one was found gone and marked first.
      await config(move);
      await crashed(
        runCourier(configPath, dataDir, 'after-upload-copying'),
        'after-upload-copying',
      );
      kills += 1;
      expect(readQueue(dataDir).integrity).toBe('ok');
      expect(done().map((r) => r.fileName)).toEqual([first.name]);
      expect(await sha256Of(second.path)).toBe(second.sha256);
      // Only a hidden temporary copy: nothing in the archive under the recording's name.
      expect(await namesIn(archive)).toEqual([`.${second.name}.partial`]);

      // 3. Killed once the copy is whole in the archive, before the original is removed.
      await crashed(runCourier(configPath, dataDir, 'after-upload-copied'), 'after-upload-copied');
      kills += 1;
      expect(readQueue(dataDir).integrity).toBe('ok');
      expect(await sha256Of(second.path)).toBe(second.sha256);
      expect(await namesIn(archive)).toEqual([second.name]);
      expect(await sha256Of(join(archive, second.name))).toBe(second.sha256);
      expect(done()).toHaveLength(1);

      // 4. Started again, it finds its own copy (no second one), removes the original, and is killed.
      await crashed(runCourier(configPath, dataDir, 'after-upload-moved'), 'after-upload-moved');
      kills += 1;
      expect(readQueue(dataDir).integrity).toBe('ok');
      expect(await namesIn(archive)).toEqual([second.name]);
      expect(await sha256Of(join(archive, second.name))).toBe(second.sha256);
      expect(await namesIn(folder)).toEqual([third.name]);
      expect(done()).toHaveLength(1);

      // 5. Without the hook: everything is filed, nothing sent again.
      const last = runCourier(configPath, dataDir);
      await until('every row to be filed', () => done().length === 3, last);
      expect(await stopCourier(last)).toBe(0);

      const final = readQueue(dataDir);
      expect(final.integrity).toBe('ok');
      expect(final.rows.map((r) => r.status)).toEqual(['uploaded', 'uploaded', 'uploaded']);
      // One whole copy of each moved recording in the archive, no temporary file, no "(2)".
      expect(await namesIn(archive)).toEqual([second.name, third.name].sort());
      expect(await sha256Of(join(archive, second.name))).toBe(second.sha256);
      expect(await sha256Of(join(archive, third.name))).toBe(third.sha256);
      expect(await namesIn(folder)).toEqual([]);
      // The history says where each went, also for the one moved by a run that was killed.
      expect(lastEvent(dataDir, first.name)).toBe('the file was already gone');
      expect(lastEvent(dataDir, second.name)).toBe(`moved to ${join(archive, second.name)}`);
      expect(lastEvent(dataDir, third.name)).toBe(`moved to ${join(archive, third.name)}`);
      // Each delivered exactly once.
      for (const recording of recordings) {
        expect(emulator.uploads.filter((u) => u.sha256 === recording.sha256)).toHaveLength(1);
      }
      expect(emulator.uploads).toHaveLength(3);
    },
    120_000,
  );
});
