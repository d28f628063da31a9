import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import { startRig, waitForStatus, type DeliveryRig, type RigConfig } from './service-fixture.ts';

const NAME = '20240131_2059_Agent99_12345678_IN_0.wav';

describe('sending call details to Ender Turing after delivery', () => {
  let rig: DeliveryRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  function withUpdateMetadata(on: boolean) {
    return {
      configure: (base: RigConfig) => ({
        ...base,
        profiles: base.profiles.map((p) => ({
          ...p,
          options: { ...(p.options as object), updateMetadata: on },
        })),
      }),
    };
  }

  it('a recording with a CRM sidecar gets its fields on the conversation once it is delivered', async () => {
    rig = await startRig('et-metadata-on', withUpdateMetadata(true));
    await writeFile(
      join(rig.folder, `${NAME}.json`),
      JSON.stringify({ crm_statuses: ['Sale'], csi: 5, customer_id: 'C-176196' }),
    );
    await writeWav(join(rig.folder, NAME), { channels: 2, seconds: 1 });
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    const emulator = rig.emulator;
    await expect
      .poll(() => emulator.sessions()[0]?.metadata, { timeout: 10_000 })
      .toMatchObject({ crm_statuses: ['Sale'], csi: 5, customer_id: 'C-176196' });
  });

  it('a sidecar that appears after delivery sends its fields alone, and a change sends them again', async () => {
    rig = await startRig('et-metadata-later', withUpdateMetadata(true));
    await writeWav(join(rig.folder, NAME), { channels: 2, seconds: 1 });
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    const emulator = rig.emulator;
    await writeFile(
      join(rig.folder, `${NAME}.json`),
      JSON.stringify({ crm_statuses: ['Callback'] }),
    );
    await expect
      .poll(() => emulator.sessions()[0]?.metadata['crm_statuses'], { timeout: 10_000 })
      .toEqual(['Callback']);
    await writeFile(
      join(rig.folder, `${NAME}.json`),
      JSON.stringify({ crm_statuses: ['Callback', 'Sale'], nps: 9 }),
    );
    await expect
      .poll(() => emulator.sessions()[0]?.metadata, { timeout: 10_000 })
      .toMatchObject({ crm_statuses: ['Callback', 'Sale'], nps: 9 });
    expect(emulator.uploads).toHaveLength(1);
    const [item] = (await rig.service.listRecordings({})).items;
    expect(item?.metadata.extra).toMatchObject({ nps: 9 });
  });

  it('with the option off, nothing but the recording is sent', async () => {
    rig = await startRig('et-metadata-off', withUpdateMetadata(false));
    await writeFile(join(rig.folder, `${NAME}.json`), JSON.stringify({ crm_statuses: ['Sale'] }));
    await writeWav(join(rig.folder, NAME), { channels: 2, seconds: 1 });
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    expect(rig.emulator.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });
});
