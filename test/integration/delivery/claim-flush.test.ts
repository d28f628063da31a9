import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRig, waitForStatus, type DeliveryRig } from './service-fixture.ts';
import { callName, uniqueWav } from '../../reliability/files/recordings.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('the claim of a recording reaches the disk before it is sent', () => {
  it('nothing is sent while the flush of the claim is still under way, and it is sent once it is done', async () => {
    rig = await startRig('claim-flush');
    const store = rig.service.store;
    const flush = store.flushed.bind(store);
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let flushes = 0;
    store.flushed = async () => {
      flushes += 1;
      await flush();
      await held;
    };

    await writeFile(join(rig.folder, callName(7)), uniqueWav(7));
    await waitForStatus(rig.service, (s) => s.counts.uploading === 1);
    // Claimed (committed as `uploading`), but its flush has not finished: nothing went out.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flushes).toBe(1);
    expect(rig.emulator.uploads).toHaveLength(0);

    release();
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    expect(rig.emulator.uploads).toHaveLength(1);
  });
});
