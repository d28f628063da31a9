import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../../main/core/log/logger.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { CourierService } from '../../../main/core/service.ts';
import { DEFAULT_CLIENT } from '../../emulators/tethr/tethr-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { validSettings } from './service-fixture.ts';

/** The file names the Tethr service reads: `20240131-205900_1001_IN.wav`. */
export const TETHR_TEMPLATE = '{date:YYYYMMDD}-{time:HHmmss}_{agentId}_{direction}';

/**
 * A service watching a fresh folder and delivering it to profile `tethr` at the emulator's
 * address, with the emulator's client. Its timers are far away: tests ask for polling and
 * heartbeat rounds themselves.
 */
export async function startTethrService(
  name: string,
  baseUrl: string,
  options: Readonly<Record<string, unknown>> = {},
): Promise<{ readonly service: CourierService; readonly folder: string }> {
  const root = await tempDirForSuite(`call-courier-${name}-`);
  const folder = join(root, 'recordings');
  await mkdir(folder);
  const raw = {
    watch: [{ path: folder, destinations: ['tethr'], template: TETHR_TEMPLATE }],
    profiles: [
      {
        id: 'tethr',
        connector: 'tethr',
        options: { baseUrl, clientId: DEFAULT_CLIENT.clientId, ...options },
      },
    ],
    upload: { stableForSeconds: 1 },
  };
  const service = await CourierService.start({
    dataDir: join(root, 'data'),
    settings: validSettings(raw),
    rawSettings: raw,
    secrets: new MemorySecretStore({ 'tethr/clientSecret': DEFAULT_CLIENT.clientSecret }),
    log: silentLogger,
    pollIntervalMs: 3_600_000,
    heartbeatIntervalMs: 3_600_000,
  });
  return { service, folder };
}
