import type { NamePreview, NamingChoice, PresetInfo } from '../../../preload/api.ts';
import { PRESETS } from '../metadata/presets/registry.ts';
import {
  PRESET_IDS,
  readName,
  type NameFailure,
  type NameSource,
  type PresetId,
} from '../metadata/read-call-metadata.ts';

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
  const template = naming.template?.trim() ? naming.template : undefined;
  const preset = naming.preset || undefined;
  const notes: string[] = [];
  if (template !== undefined && preset !== undefined) {
    notes.push('give either a preset or a template, not both: the template is used');
  } else if (preset !== undefined && !isPresetId(preset)) {
    return unread(`there is no preset "${preset}": use one of ${PRESET_IDS.join(', ')}`);
  }
  const timeZone = naming.timeZone?.trim() || 'UTC';
  const source: NameSource =
    template !== undefined
      ? { template, timeZone }
      : preset !== undefined
        ? { preset: preset as PresetId, timeZone }
        : { timeZone };
  const read = readName(baseName, source);
  if (read.ok) return { metadata: read.metadata, preset: read.preset, problems: notes };
  if (read.failure.kind === 'time-zone') return unread(read.failure.reason);
  return { metadata: {}, preset: null, problems: [...notes, previewProblem(read.failure)] };
}

const unread = (problem: string): NamePreview => ({
  metadata: {},
  preset: null,
  problems: [problem],
});

/** Why the sample name was not read, said next to the naming fields that caused it. */
function previewProblem(failure: NameFailure): string {
  switch (failure.kind) {
    case 'time-zone':
      return failure.reason;
    case 'invalid-template':
      return `the template is not valid: ${failure.reason}`;
    case 'template':
      return `the name does not follow the template: ${failure.reason}`;
    case 'preset':
      return `the name does not follow the ${failure.presetLabel} format: ${failure.reason}`;
    case 'no-preset':
      return `the name follows none of the presets (${failure.reasons.join('; ')})`;
  }
}
