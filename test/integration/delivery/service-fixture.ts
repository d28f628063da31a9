import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '../../../main/core/log/logger.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { CourierService, type ServiceOptions } from '../../../main/core/service.ts';
import { validateSettings } from '../../../main/core/settings/load-settings.ts';
import type { Settings } from '../../../main/core/settings/schema.ts';
import type { StatusAnswer } from '../../../preload/api.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EmulatorFaults,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

/** Settings as a test writes them: plain JSON, before validation. */
export interface RigConfig {
  readonly watch: readonly Record<string, unknown>[];
  readonly profiles: readonly Record<string, unknown>[];
  readonly upload: Readonly<Record<string, unknown>>;
}

/** A service watching a temp folder and delivering to an Ender Turing emulator. */
export interface DeliveryRig {
  readonly root: string;
  readonly folder: string;
  readonly dataDir: string;
  readonly emulator: EnderTuringEmulator;
  readonly secrets: MemorySecretStore;
  /** The service running now (a new one after `startService`). */
  readonly service: CourierService;
  /** The settings the service was started with, as given and as validated. */
  readonly raw: RigConfig;
  readonly settings: Settings;
  /** Stops the service; the emulator goes on. */
  stopService(): Promise<void>;
  /** Starts a new service on the same data folder with the same settings (stopping a running one). */
  startService(): Promise<CourierService>;
  /** Stops the service (if running) and the emulator. */
  stop(): Promise<void>;
}

/** How a rig differs from the plain one. */
export interface RigOptions {
  /** What the keychain holds for et/password. */
  readonly password?: string;
  /** More secrets, keyed `profile/field`. */
  readonly secrets?: Readonly<Record<string, string>>;
  readonly faults?: EmulatorFaults;
  /** The emulator's source of randomness for fault probabilities (a seeded one makes runs alike). */
  readonly random?: () => number;
  /** Changes the settings before the service starts (the base watches `folder`, delivers to `et`). */
  readonly configure?: (base: RigConfig) => RigConfig;
  readonly log?: Logger;
  /** More service options (intervals, and the alarms' clock and disk reader). */
  readonly service?: Partial<Omit<ServiceOptions, 'dataDir' | 'settings' | 'rawSettings'>>;
}

/** The settings of the plain rig: `folder` delivered to profile `et` at `baseUrl`. */
export function rigConfig(folder: string, baseUrl: string): RigConfig {
  return {
    watch: [{ path: folder, destinations: ['et'] }],
    profiles: [
      {
        id: 'et',
        connector: 'enderturing',
        options: { baseUrl, username: DEFAULT_USER.username },
      },
    ],
    upload: { stableForSeconds: 1, concurrency: 2 },
  };
}

/** Validates settings a test wrote, failing the test on a mistake in them. */
export function validSettings(raw: unknown): Settings {
  const validated = validateSettings(raw);
  if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
  return validated.settings;
}

/** Starts an emulator and a service for one test. */
export async function startRig(name: string, options: RigOptions = {}): Promise<DeliveryRig> {
  const root = await tempDirForSuite(`call-courier-${name}-`);
  const folder = join(root, 'recordings');
  const dataDir = join(root, 'data');
  await mkdir(folder, { recursive: true });
  const emulator = await startEnderTuringEmulator({
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
  const base = rigConfig(folder, emulator.url);
  const raw = options.configure ? options.configure(base) : base;
  const settings = validSettings(raw);
  const secrets = new MemorySecretStore({
    'et/password': options.password ?? DEFAULT_USER.password,
    ...options.secrets,
  });
  const start = () =>
    CourierService.start({
      dataDir,
      settings,
      rawSettings: raw,
      secrets,
      log: options.log ?? silentLogger,
      ...options.service,
    });
  let service = await start();
  let running = true;
  const stopService = async () => {
    if (running) await service.stop();
    running = false;
  };
  return {
    root,
    folder,
    dataDir,
    emulator,
    secrets,
    get service() {
      return service;
    },
    raw,
    settings,
    stopService,
    startService: async () => {
      await stopService();
      service = await start();
      running = true;
      return service;
    },
    stop: async () => {
      await stopService();
      await emulator.close();
    },
  };
}

/** One line a RecordingLogger kept. */
export interface LoggedLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** A logger that keeps every line, for tests that check what a person is told. */
export class RecordingLogger implements Logger {
  readonly lines: LoggedLine[] = [];

  info(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: Readonly<Record<string, unknown>> = {}): void {
    this.lines.push({ level: 'error', message, fields });
  }
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
