import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordingItem } from '../../../preload/api.ts';
import {
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

/** The path of `name` in `folder` as a Windows share writes it: Latin-1 bytes, not UTF-8. */
function latin1Path(folder: string, name: string): Buffer {
  return Buffer.concat([Buffer.from(`${folder}/`), Buffer.from(name, 'latin1')]);
}

const REASON =
  /^the file name ".*\uFFFD.*" is not valid UTF-8 text \(.*\), so Call Courier cannot open it: rename the file, or set the share to write names in UTF-8$/;

describe('recordings whose names are not UTF-8', () => {
  it('are each reported as failed with a plain "rename it", whether seen by events, by polling or by the start-up scan, and delivered once renamed', async () => {
    rig = await startRig('undecodable', {
      configure: (base) => {
        const root = join(String(base.watch[0]?.['path']), '..');
        return {
          ...base,
          watch: [
            ...base.watch,
            { path: join(root, 'share'), destinations: ['et'], usePolling: true },
          ],
        };
      },
    });
    const share = join(rig.root, 'share', 'sub');
    await mkdir(share, { recursive: true });
    const byEvent = latin1Path(rig.folder, 'café_20240401_1.wav');
    const byPolling = latin1Path(share, 'señal_20240401_2.wav');
    const good = callName(90);
    await writeFile(byEvent, uniqueWav(91));
    await writeFile(byPolling, uniqueWav(92));
    await writeFile(join(rig.folder, good), uniqueWav(90));
    await waitForStatus(
      rig.service,
      (s) => s.counts.failed === 2 && s.counts.uploaded === 1,
      30_000,
    );

    // Written while the service was stopped: found by the scan at start.
    await rig.stopService();
    const byScan = latin1Path(rig.folder, 'Müller_20240401_3.wav');
    await writeFile(byScan, uniqueWav(93));
    const service = await rig.startService();
    await waitForStatus(service, (s) => s.counts.failed === 3, 20_000);

    const items = (await service.listRecordings({ limit: 50 })).items;
    const failed = items.filter((item) => item.status === 'failed');
    expect(failed.map((item) => item.fileName).sort()).toEqual([
      'M\uFFFDller_20240401_3.wav',
      'caf\uFFFD_20240401_1.wav',
      'se\uFFFDal_20240401_2.wav',
    ]);
    for (const item of failed as RecordingItem[]) {
      expect(item).toMatchObject({ errorCode: 'unreadable' });
      expect(item.error).toMatch(REASON);
      expect(notPlainWords(item.error ?? '')).toEqual([]);
    }

    // Someone renames them as told: each is then delivered.
    const renamed = new Map<string, string>([[good, sha256(uniqueWav(90))]]);
    for (const [n, from, folder] of [
      [91, byEvent, rig.folder],
      [92, byPolling, share],
      [93, byScan, rig.folder],
    ] as const) {
      await rename(from, join(folder, callName(n)));
      renamed.set(callName(n), sha256(uniqueWav(n)));
    }
    await waitForStatus(service, (s) => s.counts.uploaded === 4, 30_000);
    const tally = expectDeliveredOnce(rig.emulator, renamed, 3);
    console.info(`FIGURES undecodable-names: ${JSON.stringify(tally)}`);
  });
});
