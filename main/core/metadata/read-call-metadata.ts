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

/**
 * Why a name could not be read, in parts, so that intake and the settings preview can each say
 * it in their own words: the time zone is not one, the template cannot be used, the name does
 * not follow the template or the chosen preset, or it follows none of the presets tried.
 */
export type NameFailure =
  | { readonly kind: 'time-zone' | 'invalid-template' | 'template'; readonly reason: string }
  | { readonly kind: 'preset'; readonly presetLabel: string; readonly reason: string }
  | { readonly kind: 'no-preset'; readonly reasons: readonly string[] };

/** What a recording's name says: its call metadata and the reader that matched, or why none did. */
export type NameReading =
  | { readonly ok: true; readonly metadata: CallMetadata; readonly preset: PresetId | 'template' }
  | { readonly ok: false; readonly failure: NameFailure };

/**
 * Reads call metadata from a recording's base name: by the folder's template when it has one,
 * else by its preset, else by the first preset that fits, with times in the folder's time zone.
 */
export function readName(baseName: string, source: NameSource): NameReading {
  const options = { timeZone: source.timeZone ?? 'UTC' };
  const badZone = timeZoneError(options.timeZone);
  if (badZone) return failed({ kind: 'time-zone', reason: badZone });
  if (source.template !== undefined) {
    const compiled = compileTemplate(source.template);
    if (!compiled.ok) return failed({ kind: 'invalid-template', reason: compiled.reason });
    const result = compiled.compiled.parse(baseName, options);
    return result.ok
      ? { ok: true, metadata: result.metadata, preset: 'template' }
      : failed({ kind: 'template', reason: result.reason });
  }
  if (source.preset) {
    const preset = PRESETS[source.preset];
    const result = preset.parse(baseName, options);
    return result.ok
      ? { ok: true, metadata: result.metadata, preset: source.preset }
      : failed({ kind: 'preset', presetLabel: preset.label, reason: result.reason });
  }
  const reasons: string[] = [];
  for (const id of PRESET_IDS) {
    const result = PRESETS[id].parse(baseName, options);
    if (result.ok) return { ok: true, metadata: result.metadata, preset: id };
    reasons.push(`${PRESETS[id].label}: ${result.reason}`);
  }
  return failed({ kind: 'no-preset', reasons });
}

const failed = (failure: NameFailure): NameReading => ({ ok: false, failure });

/** The problem a recording is marked with when its name could not be read. */
function nameProblem(failure: NameFailure): Problem {
  const why = ((): string => {
    switch (failure.kind) {
      case 'time-zone':
        return `: ${failure.reason}`;
      case 'invalid-template':
        return `: the folder's template is not valid: ${failure.reason}`;
      case 'template':
        return ` by the folder's template: ${failure.reason}`;
      case 'preset':
        return `, which does not follow the ${failure.presetLabel} format: ${failure.reason}`;
      case 'no-preset':
        return `, which follows none of the presets tried (${failure.reasons.join('; ')})`;
    }
  })();
  return { code: 'metadata', message: `the call details could not be read from the name${why}.` };
}

/** Reads call metadata from a recording's name and its sidecar JSON. */
export async function readCallMetadata(
  path: string,
  source: NameSource,
): Promise<CallMetadataReading> {
  const named = readName(basename(path), source);
  const sidecar = await readSidecar(path);
  return {
    metadata: mergeMetadata(named.ok ? named.metadata : {}, sidecar.metadata),
    preset: named.ok ? named.preset : null,
    problems: [...(named.ok ? [] : [nameProblem(named.failure)]), ...sidecar.problems],
  };
}
