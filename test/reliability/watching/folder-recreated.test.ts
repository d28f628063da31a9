import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  RecordingLogger,
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { notPlainWords } from '../bad-input/plain-words.ts';
import { callName, expectDeliveredOnce, sha256, uniqueWav } from '../files/recordings.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('the watch folder deleted and created again', () => {
  it('the service says the folder is missing while it is, and delivers what is in it or written to it after it comes back, each time', async () => {
    const log = new RecordingLogger();
    rig = await startRig('recreated', { log });
    const { folder } = rig;
    const missing = `the folder ${folder} does not exist: create it or fix the path in settings`;
    const expected = new Map<string, string>();
    const record = async (n: number) => {
      const bytes = uniqueWav(n);
      expected.set(callName(n), sha256(bytes));
      await writeFile(join(folder, callName(n)), bytes);
    };
    const saidMissing = () => log.lines.filter((l) => l.message === missing).length;

    await record(60);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    for (const [round, n] of [
      [1, 61],
      [2, 63],
    ] as const) {
      await rm(folder, { recursive: true });
      await vi.waitFor(() => expect(saidMissing()).toBe(round), { timeout: 15_000 });
      await mkdir(folder);
      // Written into the new folder as soon as it exists, and again a moment later.
      await record(n);
      await waitForStatus(rig.service, (s) => s.counts.uploaded === expected.size, 20_000);
      await record(n + 1);
      await waitForStatus(rig.service, (s) => s.counts.uploaded === expected.size, 20_000);
    }
    // A share mounted back with recordings already in it: the folder arrives whole, by a rename.
    await rm(folder, { recursive: true });
    await vi.waitFor(() => expect(saidMissing()).toBe(3), { timeout: 15_000 });
    const elsewhere = join(rig.root, 'share');
    await mkdir(elsewhere);
    const bytes = uniqueWav(65);
    expected.set(callName(65), sha256(bytes));
    await writeFile(join(elsewhere, callName(65)), bytes);
    await rename(elsewhere, folder);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === expected.size, 20_000);

    const line = log.lines.find((l) => l.message === missing);
    expect(line).toMatchObject({ level: 'warn', fields: { path: folder } });
    expect(notPlainWords(missing)).toEqual([]);
    const tally = expectDeliveredOnce(rig.emulator, expected, 3);
    console.info(`FIGURES folder-recreated: ${JSON.stringify(tally)}`);
  });
});
