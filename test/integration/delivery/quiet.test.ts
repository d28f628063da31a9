import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import { startRig, waitForStatus, type DeliveryRig } from './service-fixture.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** What the service had done when quiet() resolved. */
async function countsWhenQuiet(service: DeliveryRig['service']) {
  await service.quiet();
  return (await service.status()).counts;
}

describe('the service says when it is quiet (start-up memory is given back then)', () => {
  it('is quiet at once when nothing is waiting', async () => {
    rig = await startRig('quiet-idle');
    const counts = await countsWhenQuiet(rig.service);
    expect(counts.uploaded).toBe(0);
    expect(counts.queued).toBe(0);
  });

  it('is not quiet while a recording waits out its stability window', async () => {
    rig = await startRig('quiet-settling');
    await writeWav(join(rig.folder, '20240401_1519_Agent99_099_IN_0.wav'), {
      channels: 2,
      seconds: 1,
    });
    // The watcher has seen the file by now; its stability window (1 s) has not ended.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const counts = await countsWhenQuiet(rig.service);
    expect(counts.uploaded).toBe(1);
  });

  it('is not quiet while an upload is in flight', async () => {
    rig = await startRig('quiet-busy', {
      faults: { slow: { endpoints: ['upload'], count: 1, delayMs: 1_500 } },
    });
    await writeWav(join(rig.folder, '20240401_1520_Agent99_100_IN_0.wav'), {
      channels: 2,
      seconds: 1,
    });
    await writeWav(join(rig.folder, '20240401_1521_Agent99_101_IN_0.wav'), {
      channels: 2,
      seconds: 2,
    });
    await waitForStatus(rig.service, (s) => s.counts.uploading > 0);
    const counts = await countsWhenQuiet(rig.service);
    expect(counts.uploaded).toBe(2);
    expect(counts.uploading).toBe(0);
  });

  it('is quiet while a recording waits for a retry', async () => {
    rig = await startRig('quiet-retry', {
      faults: { unavailable: { endpoints: ['upload'], count: 100, retryAfterSeconds: 60 } },
    });
    await writeWav(join(rig.folder, '20240401_1522_Agent99_102_IN_0.wav'), {
      channels: 2,
      seconds: 1,
    });
    await waitForStatus(rig.service, (s) => s.counts.retrying === 1);
    const counts = await countsWhenQuiet(rig.service);
    expect(counts.uploaded).toBe(0);
    expect(counts.retrying).toBe(1);
  });
});
