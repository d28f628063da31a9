import { mkdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  namesIn,
  readQueue,
  rowsNow,
  runCourier,
  starts,
  stopCourier,
  until,
  writeConfig,
  writeRecording,
} from './courier-process.ts';

/** How a case spoils queue.sqlite before the service starts; `delivered` says the recordings were sent before. */
interface Damage {
  readonly what: string;
  readonly delivered: boolean;
  /** The words the service uses for it. */
  readonly reason: string;
  spoil(path: string): Promise<void>;
}

const DAMAGES: readonly Damage[] = [
  {
    what: 'garbage bytes',
    delivered: false,
    reason: 'queue.sqlite is not a SQLite database',
    spoil: (path) =>
      writeFile(path, Buffer.from('\u0000\u00ffnot a database at all\n'.repeat(400))),
  },
  {
    what: 'a queue cut off in the middle, after its recordings were delivered',
    delivered: true,
    reason: 'queue.sqlite',
    spoil: async (path) => truncate(path, Math.floor((await stat(path)).size / 2)),
  },
  {
    what: 'a zero-length file',
    delivered: false,
    reason: 'queue.sqlite is empty',
    spoil: (path) => writeFile(path, ''),
  },
  {
    what: 'the SQLite database of another program',
    delivered: false,
    reason: 'queue.sqlite is not a Call Courier queue',
    spoil: async (path) => {
      const db = new DatabaseSync(path);
      db.exec(`CREATE TABLE recordings (title TEXT, artist TEXT);
               INSERT INTO recordings VALUES ('Blue in Green', 'Miles Davis');`);
      db.close();
    },
  },
];

describe('a queue database that cannot be used at start', async () => {
  const root = await tempDirForSuite('call-courier-corrupt-queue-');
  const emulator = await startEnderTuringEmulator();
  let files = 0;
  afterAll(async () => {
    await emulator.close();
    console.info(
      `damaged queue: ${starts.count} service starts, ${DAMAGES.length} damaged files, ${files} files`,
    );
  });

  it.each(DAMAGES.map((d, i) => [d.what, d, i] as const))(
    '%s: is moved aside with a plain-words message, and every recording in the folder is delivered once',
    async (_what, damage, i) => {
      const folder = join(root, `recordings-${i}`);
      const dataDir = join(root, `data-${i}`);
      await mkdir(folder, { recursive: true });
      await mkdir(dataDir, { recursive: true });
      const config = await writeConfig(join(root, `office-${i}.json`), folder, emulator.url);
      const recordings = [
        // Lengths differ in every case, so no two recordings have the same content.
        await writeRecording(folder, 10 * i, 2 + i / 2),
        await writeRecording(folder, 10 * i + 1, 2.1 + i / 2),
      ];
      const queuePath = join(dataDir, 'queue.sqlite');
      if (damage.delivered) {
        const earlier = runCourier(config, dataDir);
        await until(
          'the first delivery',
          () => rowsNow(dataDir).filter((r) => r.status === 'uploaded').length === 2,
          earlier,
        );
        expect(await stopCourier(earlier)).toBe(0);
      }
      await damage.spoil(queuePath);
      const spoiled = await readFile(queuePath);

      const courier = runCourier(config, dataDir);
      const late = await writeRecording(folder, 10 * i + 2, 2.2 + i / 2);
      recordings.push(late);
      await until(
        'every recording to be delivered',
        () => rowsNow(dataDir).filter((r) => r.status === 'uploaded').length === 3,
        courier,
      );
      expect(await stopCourier(courier)).toBe(0);

      // Said in plain words, with where the old file went.
      const said =
        /the queue database could not be used \((.*?)\); it was moved to (\S+) and the folders are scanned again/.exec(
          courier.output(),
        );
      expect(said?.[1]).toContain(damage.reason);
      const movedTo = said?.[2] ?? '';
      expect(movedTo.startsWith(`${queuePath}.corrupt-`)).toBe(true);
      // Kept as it was, for a person to look at; nothing of it deleted.
      expect(await readFile(movedTo)).toEqual(spoiled);

      const queue = readQueue(dataDir);
      expect(queue.integrity).toBe('ok');
      expect(queue.rows.map((r) => [r.fileName, r.status]).sort()).toEqual(
        recordings.map((r) => [r.name, 'uploaded']).sort(),
      );
      // Each recording once at the platform, also those it had before the queue was lost.
      for (const recording of recordings) {
        expect(emulator.uploads.filter((u) => u.sha256 === recording.sha256)).toHaveLength(1);
      }
      expect(await namesIn(folder)).toEqual(recordings.map((r) => r.name).sort());
      files += recordings.length;
    },
    60_000,
  );
});
