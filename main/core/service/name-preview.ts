import type { NamePreview, NamingChoice, PresetInfo } from '../../../preload/api.ts';
import type { CallMetadata } from '../metadata/call-metadata.ts';
import type { NameParseResult } from '../metadata/name-parse.ts';
import { PRESET_IDS, PRESETS, type PresetId } from '../metadata/presets/registry.ts';
import { compileTemplate } from '../metadata/template.ts';
import { timeZoneError } from '../metadata/zoned-time.ts';

/** A name each preset reads, shown as a sample next to the preset picker. */
const EXAMPLES: Readonly<Record<PresetId, string>> = {
  '3cx': '[John Smith]_101-5551234567_20240401152000(42).wav',
  freepbx: 'in-4420800011-5559876543-20250327-021517-1743042317.12206.wav',
  enderturing: '20240401_1520_Agent99_12345678_IN_0.wav',
};

/** The presets in the order they are tried, with their labels and a sample name. */
export function presetInfos(): PresetInfo[] {
  return PRESET_IDS.map((id) => ({ id, label: PRESETS[id].label, example: EXAMPLES[id] }));
}

const isPresetId = (id: string): id is PresetId => (PRESET_IDS as readonly string[]).includes(id);

/**
 * What a watch folder's naming reads from a file name, the way intake reads it: by the
 * template when there is one, else by the preset, else by the first preset that fits.
 * Reads no file (a sidecar's details are not in the preview). A path is cut to its name.
 */
export function previewName(fileName: string, naming: NamingChoice): NamePreview {
  const baseName = fileName.slice(
    Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1,
  );
  if (baseName.trim() === '') return unread('type the name of one of the recordings');
  const timeZone = naming.timeZone?.trim() || 'UTC';
  const badZone = timeZoneError(timeZone);
  if (badZone) return unread(badZone);
  const template = naming.template?.trim() ? naming.template : undefined;
  const preset = naming.preset || undefined;
  const notes: string[] = [];
  if (template !== undefined && preset !== undefined) {
    notes.push('give either a preset or a template, not both: the template is used');
  } else if (preset !== undefined && !isPresetId(preset)) {
    return unread(`there is no preset "${preset}": use one of ${PRESET_IDS.join(', ')}`);
  }
  const read = readName(baseName, template, preset as PresetId | undefined, timeZone);
  return read.ok
    ? { metadata: read.metadata, preset: read.by, problems: notes }
    : { metadata: {}, preset: null, problems: [...notes, read.reason] };
}

const unread = (problem: string): NamePreview => ({
  metadata: {},
  preset: null,
  problems: [problem],
});

type Reading =
  | { readonly ok: true; readonly metadata: CallMetadata; readonly by: PresetId | 'template' }
  | { readonly ok: false; readonly reason: string };

function readName(
  baseName: string,
  template: string | undefined,
  preset: PresetId | undefined,
  timeZone: string,
): Reading {
  const options = { timeZone };
  if (template !== undefined) {
    const compiled = compileTemplate(template);
    if (!compiled.ok) return { ok: false, reason: `the template is not valid: ${compiled.reason}` };
    return fitted(compiled.compiled.parse(baseName, options), 'template', 'the template');
  }
  if (preset !== undefined) {
    const { label, parse } = PRESETS[preset];
    return fitted(parse(baseName, options), preset, `the ${label} format`);
  }
  const reasons: string[] = [];
  for (const id of PRESET_IDS) {
    const result = PRESETS[id].parse(baseName, options);
    if (result.ok) return { ok: true, metadata: result.metadata, by: id };
    reasons.push(`${PRESETS[id].label}: ${result.reason}`);
  }
  return { ok: false, reason: `the name follows none of the presets (${reasons.join('; ')})` };
}

function fitted(result: NameParseResult, by: PresetId | 'template', what: string): Reading {
  return result.ok
    ? { ok: true, metadata: result.metadata, by }
    : { ok: false, reason: `the name does not follow ${what}: ${result.reason}` };
}
