import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildDiagnosticsBundle } from '../core/diagnostics/diagnostics-bundle.ts';
import { storedSecretValues } from '../core/diagnostics/stored-secrets.ts';
import { applyPolicy } from '../core/policy/apply-policy.ts';
import { loadPolicy } from '../core/policy/load-policy.ts';
import { policyFilePath } from '../core/policy/policy-path.ts';
import { headlessSecretStore } from '../core/secrets/chained-secret-store.ts';
import {
  formatSettingsErrors,
  readSettingsJson,
  validateSettings,
} from '../core/settings/load-settings.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';
import { parseCommand } from './parse-command.ts';

export const DIAGNOSTICS_USAGE = `Usage: call-courier diagnostics [--config FILE] [--data-dir DIR] [--out FILE]

Writes one .zip file to attach to an email when asking for help: the settings, queue
statistics, the recordings that failed with their reasons, and the recent logs, with
every secret removed (and client phone numbers masked when privacy.maskPhoneNumbers is on).
Works whether or not the service is running: the queue is only read.

  --config FILE     the config file (default: DIR/settings.json)
  --data-dir DIR    the data folder to describe (default: ${defaultDataDir()})
  --out FILE        where to write the .zip (default: call-courier-diagnostics-HOST-TIME.zip
                    in the current folder)
`;

/** `call-courier diagnostics`: writes the diagnostics bundle of a data dir and says where. */
export async function diagnosticsCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'diagnostics',
      usage: DIAGNOSTICS_USAGE,
      options: {
        config: { type: 'string' },
        'data-dir': { type: 'string' },
        out: { type: 'string' },
      },
    },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const configPath = resolve(values.config ?? join(dataDir, 'settings.json'));
  const read = await readSettingsJson(configPath);
  if (!read.ok && values.config !== undefined) {
    io.stderr(`call-courier diagnostics: ${formatSettingsErrors(read.errors)}\n`);
    return EXIT.usage;
  }
  // As `run` loads them: the machine policy's presets and locks applied (a broken policy is left out).
  const policy = await loadPolicy(policyFilePath());
  const raw = applyPolicy(read.ok ? read.raw : {}, policy.ok ? policy.policy : null);
  const validated = validateSettings(raw);
  const maskPhoneNumbers = validated.ok
    ? validated.settings.privacy?.maskPhoneNumbers === true
    : // Settings with mistakes elsewhere: still honour a privacy choice that is written down.
      (raw as { privacy?: { maskPhoneNumbers?: unknown } } | null)?.privacy?.maskPhoneNumbers ===
      true;
  let bundle;
  try {
    bundle = await buildDiagnosticsBundle({
      dataDir,
      rawSettings: raw,
      settingsSource: read.ok ? configPath : `none (${configPath} is not there)`,
      maskPhoneNumbers,
      // The service's secrets (environment, keychain), so that not even an old log line keeps one.
      secrets: await storedSecretValues(raw, headlessSecretStore()),
    });
  } catch (error) {
    io.stderr(
      `call-courier diagnostics: the data folder ${dataDir} could not be read: ${(error as Error).message}\n`,
    );
    return EXIT.problems;
  }
  const out = resolve(values.out ?? bundle.fileName);
  try {
    await writeFile(out, bundle.bytes, { mode: 0o600 });
  } catch (error) {
    io.stderr(
      `call-courier diagnostics: ${out} could not be written (${(error as Error).message}): choose another place with --out FILE\n`,
    );
    return EXIT.problems;
  }
  io.stdout(
    `Wrote the diagnostics to ${out}\n` +
      `  ${bundle.files.length} files: ${bundle.files.join(', ')}\n` +
      `  No secrets are in it${maskPhoneNumbers ? '; client phone numbers are masked' : ''}: it can be attached to an email.\n`,
  );
  return EXIT.ok;
}
