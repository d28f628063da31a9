import { join } from 'node:path';
import { formatSettingsErrors, readSettingsJson } from '../core/settings/load-settings.ts';
import { checkSettingsDocument } from './config-check.ts';
import { writeJsonFile } from './config-file.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';

/** Writes this machine's own settings (never a secret) to --out or standard output. */
export async function exportConfig(
  values: { readonly config?: string; readonly 'data-dir'?: string; readonly out?: string },
  io: CommandIo,
): Promise<number> {
  const file = values.config ?? join(values['data-dir'] ?? defaultDataDir(), 'settings.json');
  const read = await readSettingsJson(file);
  if (!read.ok) {
    io.stderr(
      `call-courier config export: ${formatSettingsErrors(read.errors)}\n` +
        'Name the settings with --config FILE, or the data folder with --data-dir DIR.\n',
    );
    return EXIT.problems;
  }
  const checked = await checkSettingsDocument(file, read.raw);
  if (!checked.ok) {
    io.stderr(`call-courier config export: nothing exported: ${checked.problem}\n`);
    return EXIT.problems;
  }
  const text = `${JSON.stringify(read.raw, null, 2)}\n`;
  if (values.out === undefined) {
    io.stdout(text);
  } else {
    await writeJsonFile(values.out, text);
    io.stderr(`Exported the settings of ${file} to ${values.out}.\n`);
  }
  io.stderr(
    'Secrets are not part of settings: on the new machine, store them with ' +
      '`call-courier secret set PROFILE FIELD` (or CALL_COURIER_<PROFILE>_<FIELD>).\n',
  );
  return EXIT.ok;
}
