import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger } from '../../../main/core/log/logger.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { CourierService } from '../../../main/core/service.ts';
import { validateSettings } from '../../../main/core/settings/load-settings.ts';
import type { StatusAnswer } from '../../../preload/api.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EmulatorFaults,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

/** A service watching a temp folder and delivering to an Ender Turing emulator. */
export interface DeliveryRig {
  readonly folder: string;
  readonly dataDir: string;
  readonly emulator: EnderTuringEmulator;
  readonly secrets: MemorySecretStore;
  readonly service: CourierService;
  stop(): Promise<void>;
}

/** Starts an emulator and a service for one test; `password` is what the keychain holds. */
export async function startRig(
  name: string,
  options: { password?: string; faults?: EmulatorFaults } = {},
): Promise<DeliveryRig> {
  const root = await tempDirForSuite(`call-courier-${name}-`);
  const folder = join(root, 'recordings');
  const dataDir = join(root, 'data');
  await mkdir(folder, { recursive: true });
  const emulator = await startEnderTuringEmulator(options.faults ? { faults: options.faults } : {});
  const raw = {
    watch: [{ path: folder, destinations: ['et'] }],
    profiles: [
      {
        id: 'et',
        connector: 'enderturing',
        options: { baseUrl: emulator.url, username: DEFAULT_USER.username },
      },
    ],
    upload: { stableForSeconds: 1, concurrency: 2 },
  };
  const validated = validateSettings(raw);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  const secrets = new MemorySecretStore({
    'et/password': options.password ?? DEFAULT_USER.password,
  });
  const service = await CourierService.start({
    dataDir,
    settings: validated.settings,
    rawSettings: raw,
    secrets,
    log: silentLogger,
  });
  return {
    folder,
    dataDir,
    emulator,
    secrets,
    service,
    stop: async () => {
      await service.stop();
      await emulator.close();
    },
  };
}

/** Waits until the status satisfies a condition (checked every 100 ms), or fails after `timeoutMs`. */
export async function waitForStatus(
  service: CourierService,
  done: (status: StatusAnswer) => boolean,
  timeoutMs = 20_000,
): Promise<StatusAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await service.status();
    if (done(status)) return status;
    if (Date.now() > deadline)
      throw new Error(`gave up waiting; last status: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
