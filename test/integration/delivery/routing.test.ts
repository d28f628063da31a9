import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { CourierService } from '../../../main/core/service.ts';
import { validateSettings } from '../../../main/core/settings/load-settings.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { waitForStatus } from './service-fixture.ts';

/** Two Ender Turing accounts: one takes only inbound calls, the other only outbound ones. */
describe('routing a folder to several destinations by call details', () => {
  let inbound: EnderTuringEmulator;
  let outbound: EnderTuringEmulator;
  let service: CourierService;
  let folder: string;

  beforeAll(async () => {
    const root = await tempDirForSuite('call-courier-routing-');
    folder = join(root, 'recordings');
    await mkdir(folder);
    [inbound, outbound] = await Promise.all([
      startEnderTuringEmulator(),
      startEnderTuringEmulator(),
    ]);
    const profile = (id: string, url: string, direction: string) => ({
      id,
      connector: 'enderturing',
      when: { direction },
      options: { baseUrl: url, username: DEFAULT_USER.username },
    });
    const raw = {
      watch: [{ path: folder, destinations: ['et-in', 'et-out'], preset: 'enderturing' }],
      profiles: [profile('et-in', inbound.url, 'IN'), profile('et-out', outbound.url, 'OUT')],
      upload: { stableForSeconds: 1 },
    };
    const validated = validateSettings(raw);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    service = await CourierService.start({
      dataDir: join(root, 'data'),
      settings: validated.settings,
      rawSettings: raw,
      secrets: new MemorySecretStore({
        'et-in/password': DEFAULT_USER.password,
        'et-out/password': DEFAULT_USER.password,
      }),
      log: silentLogger,
    });
  });
  afterAll(async () => {
    await service?.stop();
    await Promise.all([inbound?.close(), outbound?.close()]);
  });

  it('each recording goes only where its rule takes it; the other row says which rule skipped it', async () => {
    await writeWav(join(folder, '20240131_2059_Agent1_12345678_IN_0.wav'), {
      channels: 2,
      seconds: 1,
    });
    await writeWav(join(folder, '20240131_2101_Agent1_87654321_OUT_0.wav'), {
      channels: 2,
      seconds: 2,
    });
    await waitForStatus(service, (s) => s.counts.uploaded === 2 && s.counts.skipped === 2);
    expect(inbound.uploads.map((u) => u.fileName)).toEqual([
      '20240131_2059_Agent1_12345678_IN_0.wav',
    ]);
    expect(outbound.uploads.map((u) => u.fileName)).toEqual([
      '20240131_2101_Agent1_87654321_OUT_0.wav',
    ]);
    const skipped = await service.listRecordings({ status: 'skipped' });
    expect(skipped.items.map((i) => [i.destination, i.fileName, i.error]).sort()).toEqual([
      [
        'et-in',
        '20240131_2101_Agent1_87654321_OUT_0.wav',
        'et-in takes only recordings with direction IN; this one has OUT',
      ],
      [
        'et-out',
        '20240131_2059_Agent1_12345678_IN_0.wav',
        'et-out takes only recordings with direction OUT; this one has IN',
      ],
    ]);
  });

  it('a recording whose name the platform will not read is delivered, and shows why it may lack details', async () => {
    const [item] = await service.enqueue(
      await writeWav(join(folder, 'meeting with the bank.wav'), { channels: 2, seconds: 1 }),
    );
    // Without a direction, neither rule takes it: both rows are skipped, and both carry the warning.
    expect(item?.status).toBe('skipped');
    expect(item?.error).toContain('and this one has no direction');
    expect(item?.warnings.join(' ')).toMatch(/Ender Turing/);
  });
});
