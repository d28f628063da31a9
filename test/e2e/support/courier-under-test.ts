import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';

/** The headless service serving the window, an Ender Turing emulator behind it, and their folders. */
export interface CourierUnderTest {
  readonly emulator: EnderTuringEmulator;
  readonly running: RunningService;
  readonly secrets: MemorySecretStore;
  /** The folder the recorder writes into (watched once settings name it). */
  readonly folder: string;
  /** The settings file the service reads and writes. */
  readonly configPath: string;
  /** The window's address with its access token: `http://127.0.0.1:port/#token=…`. */
  readonly address: string;
  stop(): Promise<void>;
}

/** What to start: settings to write first (none: a first run) and secrets already stored. */
export interface CourierStart {
  readonly settings?: (place: { emulatorUrl: string; folder: string }) => unknown;
  readonly secrets?: Readonly<Record<string, string>>;
  /** A machine policy file to write (none: no policy, whatever this computer has). */
  readonly policy?: (place: { emulatorUrl: string; folder: string }) => unknown;
}

/**
 * Starts an emulator and the headless service (`call-courier run` without the process) with the
 * window built for this run, secrets in memory and everything under a temporary folder, which
 * `stop()` removes.
 */
export async function startCourier(start: CourierStart = {}): Promise<CourierUnderTest> {
  const root = await mkdtemp(join(tmpdir(), 'call-courier-e2e-'));
  const folder = join(root, 'recordings');
  const dataDir = join(root, 'data');
  await mkdir(folder);
  await mkdir(dataDir);
  const configPath = join(dataDir, 'settings.json');
  const emulator = await startEnderTuringEmulator();
  if (start.settings) {
    const settings = start.settings({ emulatorUrl: emulator.url, folder });
    await writeFile(configPath, JSON.stringify(settings, null, 2));
  }
  const secrets = new MemorySecretStore(start.secrets);
  const policyFile = join(root, 'policy.json');
  if (start.policy) {
    await writeFile(
      policyFile,
      JSON.stringify(start.policy({ emulatorUrl: emulator.url, folder })),
    );
  }
  const running = await startHeadless({
    policyFile,
    // Left out on a first run: the service starts empty and creates the file on the first save.
    ...(start.settings && { config: configPath }),
    dataDir,
    listen: { host: '127.0.0.1', port: 0 },
    secrets,
    staticDir: inject('windowDir'),
  });
  if ('errors' in running) {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
    throw new Error(`the service did not start: ${running.errors}`);
  }
  return {
    emulator,
    running,
    secrets,
    folder,
    configPath,
    address: `${running.url}/#token=${running.token}`,
    stop: async () => {
      await running.stop();
      await emulator.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Settings as a finished setup leaves them: the recordings folder goes to Ender Turing (profile
 * `et`, at the emulator), with these upload options, and its password stored.
 */
export function folderToEnderTuring(upload: Readonly<Record<string, unknown>>): CourierStart {
  return {
    settings: ({ emulatorUrl, folder }) => ({
      watch: [{ path: folder, destinations: ['et'] }],
      profiles: [
        {
          id: 'et',
          connector: 'enderturing',
          label: 'Ender Turing',
          options: { baseUrl: emulatorUrl, username: DEFAULT_USER.username },
        },
      ],
      upload,
    }),
    secrets: { 'et/password': DEFAULT_USER.password },
  };
}
