import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { callName, expectDeliveredOnce, sha256, uniqueWav } from '../files/recordings.ts';
import { inotifyWatchedInodes } from './inotify-watches.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('a watch folder where file system events are off', () => {
  it('a folder watched by polling has no kernel watch on it, and still gets every recording delivered once, new sub-folders included', async () => {
    rig = await startRig('polling', {
      configure: (base) => {
        const root = join(String(base.watch[0]?.['path']), '..');
        return {
          ...base,
          watch: [
            { path: join(root, 'share'), destinations: ['et'], usePolling: true },
            { path: join(root, 'local'), destinations: ['et'] },
          ],
        };
      },
    });
    // Both folders are created after start: each is watched as soon as it appears.
    const share = join(rig.root, 'share');
    const local = join(rig.root, 'local');
    await mkdir(share);
    await mkdir(local);
    const expected = new Map<string, string>();
    const record = async (folder: string, n: number) => {
      const bytes = uniqueWav(n);
      expected.set(callName(n), sha256(bytes));
      await writeFile(join(folder, callName(n)), bytes);
    };
    await record(local, 70);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1, 20_000);

    // The local folder has its kernel watch; the share has none: nothing but polling sees it.
    const watched = await inotifyWatchedInodes();
    expect(watched.has((await stat(local)).ino)).toBe(true);
    expect(watched.has((await stat(share)).ino)).toBe(false);

    for (let n = 71; n < 81; n += 1) await record(share, n);
    const later = join(share, '2024', '04');
    await mkdir(later, { recursive: true });
    for (let n = 81; n < 86; n += 1) await record(later, n);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === expected.size, 30_000);

    const stillWatched = await inotifyWatchedInodes();
    for (const folder of [share, join(share, '2024'), later]) {
      expect(stillWatched.has((await stat(folder)).ino)).toBe(false);
    }
    // Every recording in the share arrived without a single event from the kernel.
    const tally = expectDeliveredOnce(rig.emulator, expected, expected.size - 1);
    console.info(`FIGURES polling: ${JSON.stringify(tally)}`);
  });
});
