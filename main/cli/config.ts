import { exportConfig } from './config-export.ts';
import { importConfig } from './config-import.ts';
import { defaultDataDir } from './data-dir.ts';
import { EXIT, type CommandIo } from './io.ts';
import { parseCommand } from './parse-command.ts';

export const CONFIG_USAGE = `Usage: call-courier config export [--config FILE] [--data-dir DIR] [--out FILE]
       call-courier config import FILE [--config FILE] [--data-dir DIR]

Copies settings between machines (docs/deployment.md). Secrets are never part of them:
store those on each machine with \`call-courier secret set PROFILE FIELD\`.

  export          prints this machine's settings as JSON (or writes them to --out FILE);
                  refuses settings that have problems or look like they hold a secret
  import FILE     checks FILE as \`call-courier run\` would (the same messages) and makes
                  it this machine's settings; the ones it replaces are kept as
                  settings.json.before-import. Restart Call Courier to use them.

  --config FILE   the settings file (default: DIR/settings.json; for the desktop app,
                  its settings.json in the app's data folder)
  --data-dir DIR  the data folder (default: ${defaultDataDir()})
  --out FILE      export: where to write (default: standard output)

Exit status: 0 when done, 1 when the settings have problems, 2 on a usage error.
`;

/** `call-courier config export|import`: settings from one machine to many, without secrets. */
export async function configCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'config',
      usage: CONFIG_USAGE,
      positionals: true,
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
  const { values, positionals } = parsed;
  const [action, file, ...extra] = positionals;
  const usageError = (message: string) => {
    io.stderr(`call-courier config: ${message}\n\n${CONFIG_USAGE}`);
    return EXIT.usage;
  };
  if (action === 'export') {
    if (file !== undefined)
      return usageError('export takes no FILE: write to a file with --out FILE');
    return exportConfig(values, io);
  }
  if (action === 'import') {
    if (file === undefined) return usageError('import needs the FILE to import');
    if (extra.length > 0)
      return usageError(`import takes one FILE (got also "${extra.join(' ')}")`);
    if (values.out !== undefined) return usageError('--out is for export only');
    return importConfig(file, values, io);
  }
  return usageError(
    action === undefined
      ? 'say "export" or "import"'
      : `unknown action "${action}": say "export" or "import"`,
  );
}
