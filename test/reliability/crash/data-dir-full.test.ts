import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  readQueue,
  rowsNow,
  runCourier,
  starts,
  stopCourier,
  until,
  writeConfig,
  writeRecording,
} from './courier-process.ts';
import { mountTmpfs } from './tmpfs.ts';

/** Writes `byte` to `path` (appending with flags 'a') until the file system is full; returns the bytes written. */
async function fillUp(
  path: string,
  flags = 'w',
  byte = 0,
  chunkBytes = 16 * 1024,
): Promise<number> {
  const file = await open(path, flags);
  const chunk = Buffer.alloc(chunkBytes, byte);
  let written = 0;
  try {
    for (;;) {
      const { bytesWritten } = await file.write(chunk);
      written += bytesWritten;
      if (bytesWritten < chunk.length) break;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await file.close();
  }
  return written;
}

/** Moves the queue's WAL into the database and empties it, from a connection of its own. */
function checkpoint(path: string): void {
  const db = new DatabaseSync(path);
  try {
    for (;;) {
      const result = db.prepare('PRAGMA wal_checkpoint(TRUNCATE)').get();
      if (Number(result?.['busy']) === 0) return;
    }
  } finally {
    db.close();
  }
}

describe('a data folder that fills up', async () => {
  const root = await tempDirForSuite('call-courier-full-');
  const dataDir = join(root, 'data');
  const canMount = await mountTmpfs(dataDir, '4m');
  const emulator = await startEnderTuringEmulator();
  let files = 0;
  afterAll(async () => {
    await emulator.close();
    console.info(`data folder full: ${starts.count} service starts, ${files} files`);
  });

  it.skipIf(!canMount)(
    'does not crash, says so in plain words, and delivers every recording once space is back, also one whose answer could not be written',
    async () => {
      const folder = join(root, 'recordings');
      await mkdir(folder, { recursive: true });
      const config = await writeConfig(join(root, 'office.json'), folder, emulator.url);
      const recordings = [await writeRecording(folder, 0, 2)];
      const courier = runCourier(config, dataDir);
      await until(
        'the first delivery',
        () => rowsNow(dataDir).filter((r) => r.status === 'uploaded').length === 1,
        courier,
      );

      // The next upload is stored by the platform but answered only 6 s later.
      emulator.setFaults({ slow: { count: 1, endpoints: ['upload'], delayMs: 6000 } });
      const answeredLate = await writeRecording(folder, 1, 2.1);
      recordings.push(answeredLate);
      await until(
        'the upload to be under way',
        () => rowsNow(dataDir).some((r) => r.status === 'uploading'),
        courier,
      );
      // Meanwhile the data folder's file system fills up: the queue's WAL is emptied into
      // the database first, so that its next write needs new space.
      checkpoint(join(dataDir, 'queue.sqlite'));
      const filler = join(dataDir, 'filler');
      expect(await fillUp(filler)).toBeGreaterThan(0);
      // The log's last block too (blank lines), so that the next log line cannot be written.
      const logFile = join(dataDir, 'logs', 'call-courier.log');
      await fillUp(logFile, 'a', 0x0a, 1);
      // Recordings keep coming.
      for (const n of [2, 3]) recordings.push(await writeRecording(folder, n, 2 + n / 10));
      const said = (text: string) => courier.output().includes(text);
      await until(
        'plain-words messages about the full data folder',
        () =>
          said(`the data folder ${dataDir} is full, so `) &&
          said('could not be queued: free some space on that disk') &&
          said(
            `${answeredLate.name}: how the upload ended could not be written to the queue (database or disk is full); the platform is asked before it is sent again`,
          ) &&
          said(
            'the queue cannot be written (database or disk is full): nothing is sent until it can',
          ),
        courier,
      );
      expect(courier.output()).toContain(
        `the log file ${logFile} cannot be written (ENOSPC: no space left on device`,
      );
      expect(courier.child.exitCode).toBeNull();
      expect(emulator.uploads.filter((u) => u.sha256 === answeredLate.sha256)).toHaveLength(1);

      // Space comes back: everything is delivered without a restart.
      await rm(filler);
      await until(
        'every recording to be delivered',
        () => rowsNow(dataDir).filter((r) => r.status === 'uploaded').length === 4,
        courier,
      );
      expect(await stopCourier(courier)).toBe(0);
      // The log file is written again once there is room.
      expect(await readFile(logFile, 'utf8')).toContain(`"message":"Call Courier stopped"`);

      const queue = readQueue(dataDir);
      expect(queue.integrity).toBe('ok');
      for (const recording of recordings) {
        expect(emulator.uploads.filter((u) => u.sha256 === recording.sha256)).toHaveLength(1);
      }
      expect(emulator.uploads).toHaveLength(recordings.length);
      files = recordings.length;
    },
    60_000,
  );
});
