/**
 * Starts the core for the desktop app: its data in the app's user-data folder, settings in
 * electron-store, secrets in the system keychain (keytar), a log in userData/logs with every
 * known secret redacted.
 */
import { join } from 'node:path';
import { FileLogger } from '../../core/log/file-logger.ts';
import { KeytarSecretStore } from '../../core/secrets/keytar-secret-store.ts';
import { logLineRedactor } from '../../core/privacy/log-redaction.ts';
import type { SecretStore } from '../../core/secrets/secret-store.ts';
import { CourierService } from '../../core/service.ts';
import type { SettingsError } from '../../core/settings/cross-checks.ts';
import { formatSettingsErrors } from '../../core/settings/load-settings.ts';
import { loadPolicy } from '../../core/policy/load-policy.ts';
import { policyFilePath } from '../../core/policy/policy-path.ts';
import { openSettingsStore } from './settings-store.ts';
import { readStoredSettings } from './stored-settings.ts';

/** The running core and what the shell reads of it. */
export interface DesktopCore {
  readonly service: CourierService;
  readonly log: FileLogger;
  /** Problems of the stored settings at start (nothing is watched until they are fixed). */
  readonly settingsProblems: readonly SettingsError[];
  /** The settings as last stored. */
  rawSettings(): unknown;
  stop(): Promise<void>;
}

/** How the core is started. */
export interface StartCoreOptions {
  readonly userData: string;
  /** Called after settings were changed and stored. */
  readonly onSettingsSaved?: (raw: unknown) => void;
  /** The keychain by default. */
  readonly secrets?: SecretStore;
  /** Filled with every secret the core reads or is given (redacted from the log and crashes). */
  readonly knownSecrets?: Set<string>;
  /** The machine policy file; CALL_COURIER_POLICY_FILE or the system's place when left out. */
  readonly policyFile?: string;
  /** The built UI that "Allow supervisor monitoring" serves on the network, when there is one. */
  readonly monitoringStaticDir?: string;
}

/**
 * Opens the log, the settings and the queue, and starts delivering. Rejects, saying why, when
 * the machine policy file is broken: a broken lock must not silently unlock.
 */
export async function startDesktopCore(options: StartCoreOptions): Promise<DesktopCore> {
  const policy = await loadPolicy(options.policyFile ?? policyFilePath());
  if (!policy.ok) throw new Error(`Call Courier: ${policy.message}`);
  const knownSecrets = options.knownSecrets ?? new Set<string>();
  let current: CourierService | undefined = undefined;
  const log = await FileLogger.open({
    dir: join(options.userData, 'logs'),
    redact: logLineRedactor(knownSecrets, () => current?.masksPhoneNumbers === true),
  });
  try {
    const store = await openSettingsStore(options.userData, log);
    const stored = readStoredSettings(store.read(), policy.policy);
    if (stored.problems.length > 0) {
      log.error(
        `the stored settings have problems, so nothing is watched until they are fixed in Settings:\n${formatSettingsErrors(stored.problems)}`,
      );
    }
    let raw = stored.raw;
    const service = await CourierService.start({
      dataDir: options.userData,
      settings: stored.settings,
      rawSettings: stored.raw,
      secrets: options.secrets ?? new KeytarSecretStore(),
      log,
      knownSecrets,
      policy: policy.policy,
      ...(options.monitoringStaticDir !== undefined && {
        monitoringStaticDir: options.monitoringStaticDir,
      }),
      saveSettings: async (next) => {
        store.write(next);
        raw = next;
        options.onSettingsSaved?.(next);
      },
    });
    current = service;
    return {
      service,
      log,
      settingsProblems: stored.problems,
      rawSettings: () => raw,
      stop: async () => {
        await service.stop();
        await log.close();
      },
    };
  } catch (error) {
    await log.close();
    throw error;
  }
}
