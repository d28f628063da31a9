import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { callName, expectDeliveredOnce, sha256, uniqueWav } from '../files/recordings.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** The temporary names writers use before renaming a finished file into place. */
const WRITERS: readonly { readonly style: string; readonly temp: (name: string) => string }[] = [
  { style: 'a download (.part)', temp: (name) => `${name}.part` },
  { style: 'a copy (.tmp)', temp: (name) => `${name.slice(0, -4)}.tmp` },
  { style: 'WinSCP (.filepart)', temp: (name) => `${name}.filepart` },
  { style: 'Chrome (.crdownload)', temp: (name) => `${name}.crdownload` },
  { style: 'rsync (hidden .name.XXXXXX)', temp: (name) => `.${name}.Xa91Qz` },
  { style: 'an Office-style lock (~$name)', temp: (name) => `~$${name}` },
];

/** Writes `bytes` under `temp` in two halves with a pause longer than the stability window, then renames it. */
async function writeThenRename(temp: string, final: string, bytes: Buffer): Promise<void> {
  const file = await open(temp, 'w');
  try {
    const half = Math.floor(bytes.length / 2);
    await file.write(bytes, 0, half, 0);
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await file.write(bytes, half, bytes.length - half, half);
  } finally {
    await file.close();
  }
  await rename(temp, final);
}

describe('writers that write under a temporary name and rename when done', () => {
  it('each recording is delivered once under its final name, whole, and no temporary file ever is', async () => {
    rig = await startRig('temp-rename', {
      configure: (base) => ({ ...base, upload: { ...base.upload, stableForSeconds: 1 } }),
    });
    const { folder: top } = rig;
    const nested = join(top, '2024', '04', '01');
    await mkdir(nested, { recursive: true });
    const expected = new Map<string, string>();
    const tempNames: string[] = [];
    await Promise.all(
      WRITERS.flatMap(({ temp }, i) =>
        [top, nested].map((folder, j) => {
          const n = 50 + i * 2 + j;
          const bytes = uniqueWav(n, 1);
          expected.set(callName(n), sha256(bytes));
          tempNames.push(temp(callName(n)));
          return writeThenRename(join(folder, temp(callName(n))), join(folder, callName(n)), bytes);
        }),
      ),
    );
    const status = await waitForStatus(
      rig.service,
      (s) => s.counts.uploaded === expected.size,
      30_000,
    );
    await rig.service.settled();
    const tally = expectDeliveredOnce(rig.emulator, expected, WRITERS.length * 2);
    expect(status.counts).toMatchObject({ failed: 0, skipped: 0, queued: 0, retrying: 0 });
    const rows = (await rig.service.listRecordings({ limit: 500 })).items;
    expect(rows.map((r) => r.fileName).sort()).toEqual([...expected.keys()].sort());
    for (const temp of tempNames) {
      expect(rig.emulator.uploads.map((u) => u.fileName)).not.toContain(temp);
    }
    console.info(`FIGURES temp-rename: ${JSON.stringify(tally)}`);
  });
});
