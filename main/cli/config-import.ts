import { join } from 'node:path';
import { findConnector } from '../core/connectors/registry.ts';
import { lockedChanges } from '../core/policy/apply-policy.ts';
import { formatSettingsErrors, readSettingsJson } from '../core/settings/load-settings.ts';
import { checkSettingsDocument } from './config-check.ts';
import { keepPrevious, writeJsonFile } from './config-file.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';

/** Checks an exported settings file like the settings loader, then makes it this machine's settings. */
export async function importConfig(
  source: string,
  values: { readonly config?: string; readonly 'data-dir'?: string },
  io: CommandIo,
): Promise<number> {
  const read = await readSettingsJson(source);
  if (!read.ok) {
    io.stderr(`call-courier config import: ${formatSettingsErrors(read.errors)}\n`);
    return EXIT.problems;
  }
  const checked = await checkSettingsDocument(source, read.raw);
  if (!checked.ok) {
    io.stderr(`call-courier config import: nothing imported: ${checked.problem}\n`);
    return EXIT.problems;
  }
  const target = values.config ?? join(values['data-dir'] ?? defaultDataDir(), 'settings.json');
  const previous = await keepPrevious(target, 'before-import');
  await writeJsonFile(target, `${JSON.stringify(read.raw, null, 2)}\n`);
  io.stdout(`Imported ${source} into ${target}.\n`);
  if (previous !== null) io.stdout(`The settings it replaced are kept in ${previous}.\n`);
  for (const change of lockedChanges(read.raw, checked.policy)) {
    io.stdout(`Note: ${change.path} ${change.message}; the policy's value applies.\n`);
  }
  for (const line of secretsToStore(read.raw)) io.stdout(`${line}\n`);
  io.stdout('Restart Call Courier (the service or the app) to use them.\n');
  return EXIT.ok;
}

/** One line per destination that takes secrets: which, and how to store them. */
function secretsToStore(raw: unknown): string[] {
  const profiles = (raw as { profiles?: unknown }).profiles;
  if (!Array.isArray(profiles)) return [];
  return profiles.flatMap((profile: { id?: unknown; connector?: unknown }) => {
    const connector = findConnector(String(profile.connector));
    const secrets = connector?.options.filter((o) => o.secret).map((o) => o.name) ?? [];
    if (secrets.length === 0 || typeof profile.id !== 'string') return [];
    return [
      `Destination ${profile.id} takes secrets (${secrets.join(', ')}): store each with ` +
        `\`call-courier secret set ${profile.id} FIELD\` if not stored on this machine yet.`,
    ];
  });
}
