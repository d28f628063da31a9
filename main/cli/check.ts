import { checkRecording, type CheckDestination } from '../core/check/check-recording.ts';
import { checkPlanFor, everyConnectorAsDestination } from '../core/check/destinations-for-file.ts';
import {
  PRESET_IDS,
  templateError,
  type NameSource,
  type PresetId,
} from '../core/metadata/read-call-metadata.ts';
import { formatSettingsErrors, loadSettingsFile } from '../core/settings/load-settings.ts';
import type { Settings } from '../core/settings/schema.ts';
import { EXIT, type CommandIo } from './io.ts';
import { parseCommand } from './parse-command.ts';

export const CHECK_USAGE = `Usage: call-courier check [options] FILE…

Probes each recording and reads its call details without uploading anything.
Prints a JSON array, one object per file:
  { file, audio: {container, codec, channels, sampleRate, durationSec},
    metadata: {…}, preset, problems: [{destination?, code, message}] }
Exit status: 0 when no file has a problem, 1 when any has, 2 on a usage or config error.

Options:
  --config FILE     judge each file by the watch folder and destinations configured there
                    (without it, every platform is judged with its default options)
  --preset NAME     read names with one preset: ${PRESET_IDS.join(', ')}
  --template TEXT   read names with a template, e.g. "{date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}"
  --time-zone TZ    the time zone the recorder writes times in (default UTC)
  -h, --help        show this help
`;

/** `call-courier check FILE…`: what the platforms will see of each recording. */
export async function checkCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'check',
      usage: CHECK_USAGE,
      positionals: true,
      options: {
        config: { type: 'string' },
        preset: { type: 'string' },
        template: { type: 'string' },
        'time-zone': { type: 'string' },
      },
    },
    args,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals: files } = parsed;
  if (files.length === 0) {
    io.stderr(`call-courier check: name at least one recording\n\n${CHECK_USAGE}`);
    return EXIT.usage;
  }
  const naming = namingFromFlags(values, io);
  if (!naming) return EXIT.usage;

  let settings: Settings | undefined;
  if (values.config) {
    const loaded = await loadSettingsFile(values.config);
    if (!loaded.ok) {
      io.stderr(
        `call-courier check: ${values.config} has problems:\n${formatSettingsErrors(loaded.errors)}\n`,
      );
      return EXIT.usage;
    }
    settings = loaded.settings;
  }

  const results = [];
  for (const file of files) {
    const plan: { naming: NameSource; destinations: readonly CheckDestination[] } = settings
      ? checkPlanFor(settings, file)
      : { naming: {}, destinations: everyConnectorAsDestination() };
    results.push(await checkRecording(file, { ...plan.naming, ...naming }, plan.destinations));
  }
  io.stdout(`${JSON.stringify(results, null, 2)}\n`);
  return results.some((r) => r.problems.length > 0) ? EXIT.problems : EXIT.ok;
}

/** The naming flags as a NameSource, or undefined after printing what is wrong. */
function namingFromFlags(
  values: { preset?: string; template?: string; 'time-zone'?: string },
  io: CommandIo,
): NameSource | undefined {
  const { preset, template } = values;
  const timeZone = values['time-zone'];
  if (preset !== undefined && !PRESET_IDS.includes(preset as PresetId)) {
    io.stderr(`call-courier check: --preset must be one of: ${PRESET_IDS.join(', ')}\n`);
    return undefined;
  }
  const problem = template === undefined ? null : templateError(template);
  if (problem) {
    io.stderr(`call-courier check: --template: ${problem}\n`);
    return undefined;
  }
  if (timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone });
    } catch {
      io.stderr(
        `call-courier check: --time-zone "${timeZone}" is not a time zone name (try UTC or Europe/Kyiv)\n`,
      );
      return undefined;
    }
  }
  return {
    ...(preset !== undefined ? { preset: preset as PresetId } : {}),
    ...(template !== undefined ? { template } : {}),
    ...(timeZone !== undefined ? { timeZone } : {}),
  };
}
