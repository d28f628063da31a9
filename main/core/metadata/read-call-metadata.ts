import { basename } from 'node:path';
import type { Problem } from '../problem.ts';
import type { CallMetadata } from './call-metadata.ts';
import { mergeMetadata } from './merge-metadata.ts';
import { PRESET_IDS, PRESETS, type PresetId } from './presets/registry.ts';
import { readSidecar } from './sidecar.ts';
import { compileTemplate } from './template.ts';
import { timeZoneError } from './zoned-time.ts';

export { PRESET_IDS, type PresetId } from './presets/registry.ts';
export { templateError } from './template.ts';

/** How a watch folder's recording names are read. */
export interface NameSource {
  /** Read names with this preset only. */
  readonly preset?: PresetId;
  /** Read names with this template only (it wins over a preset). */
  readonly template?: string;
  /** IANA time zone the recorder writes times in; 'UTC' when left out. */
  readonly timeZone?: string;
}

/** Call metadata read for one recording, which reader matched its name, and what went wrong. */
export interface CallMetadataReading {
  readonly metadata: CallMetadata;
  readonly preset: PresetId | 'template' | null;
  readonly problems: Problem[];
}

interface NameReading {
  readonly metadata: CallMetadata;
  readonly preset: PresetId | 'template' | null;
  readonly problem?: Problem;
}

const cannotRead = (why: string): Problem => ({
  code: 'metadata',
  message: `the call details could not be read from the name${why}.`,
});

function readName(baseName: string, source: NameSource): NameReading {
  const options = { timeZone: source.timeZone ?? 'UTC' };
  const badZone = timeZoneError(options.timeZone);
  if (badZone) return { metadata: {}, preset: null, problem: cannotRead(`: ${badZone}`) };
  if (source.template !== undefined) {
    const compiled = compileTemplate(source.template);
    if (!compiled.ok) {
      const problem = cannotRead(`: the folder's template is not valid: ${compiled.reason}`);
      return { metadata: {}, preset: null, problem };
    }
    const result = compiled.compiled.parse(baseName, options);
    return result.ok
      ? { metadata: result.metadata, preset: 'template' }
      : {
          metadata: {},
          preset: null,
          problem: cannotRead(` by the folder's template: ${result.reason}`),
        };
  }
  if (source.preset) {
    const preset = PRESETS[source.preset];
    const result = preset.parse(baseName, options);
    return result.ok
      ? { metadata: result.metadata, preset: source.preset }
      : {
          metadata: {},
          preset: null,
          problem: cannotRead(
            `, which does not follow the ${preset.label} format: ${result.reason}`,
          ),
        };
  }
  const reasons: string[] = [];
  for (const id of PRESET_IDS) {
    const result = PRESETS[id].parse(baseName, options);
    if (result.ok) return { metadata: result.metadata, preset: id };
    reasons.push(`${PRESETS[id].label}: ${result.reason}`);
  }
  const problem = cannotRead(`, which follows none of the presets tried (${reasons.join('; ')})`);
  return { metadata: {}, preset: null, problem };
}

/** Reads call metadata from a recording's name and its sidecar JSON. */
export async function readCallMetadata(
  path: string,
  source: NameSource,
): Promise<CallMetadataReading> {
  const named = readName(basename(path), source);
  const sidecar = await readSidecar(path);
  return {
    metadata: mergeMetadata(named.metadata, sidecar.metadata),
    preset: named.preset,
    problems: [...(named.problem ? [named.problem] : []), ...sidecar.problems],
  };
}
