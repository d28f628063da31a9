import type { NamingChoice, PresetInfo } from '../../../../preload/api.ts';
import { isJsonObject, type JsonObject } from './settings-path.ts';

/** How a folder's names are read: every preset in turn, one preset, or the folder's template. */
export type NamingMode = 'auto' | 'template' | `preset:${string}`;

/** The mode a watch folder's settings describe (a template wins, as it does at intake). */
export function namingMode(folder: unknown): NamingMode {
  if (!isJsonObject(folder)) return 'auto';
  if (typeof folder.template === 'string') return 'template';
  if (typeof folder.preset === 'string' && folder.preset !== '') return `preset:${folder.preset}`;
  return 'auto';
}

/** A watch folder with its naming switched to a mode; its other settings stay as they were. */
export function withNamingMode(folder: unknown, mode: NamingMode): JsonObject {
  const next: Record<string, unknown> = isJsonObject(folder) ? { ...folder } : {};
  delete next.preset;
  if (mode !== 'template') delete next.template;
  if (mode === 'template') next.template = typeof next.template === 'string' ? next.template : '';
  if (mode.startsWith('preset:')) next.preset = mode.slice('preset:'.length);
  return next;
}

/** What the name preview is asked with for a folder's settings. */
export function namingChoice(folder: unknown): NamingChoice {
  if (!isJsonObject(folder)) return {};
  const text = (key: string): string | undefined =>
    typeof folder[key] === 'string' ? (folder[key] as string) : undefined;
  const template = text('template');
  const preset = text('preset');
  const timeZone = text('timeZone');
  return {
    ...(template !== undefined && { template }),
    ...(preset !== undefined && { preset }),
    ...(timeZone !== undefined && { timeZone }),
  };
}

/** The sample name to start a folder's preview with: its preset's sample, or the first preset's. */
export function sampleNameFor(mode: NamingMode, presets: readonly PresetInfo[]): string {
  const preset = mode.startsWith('preset:')
    ? presets.find((p) => `preset:${p.id}` === mode)
    : presets.find((p) => p.id === 'enderturing');
  return preset?.example ?? presets[0]?.example ?? '';
}

/** The time zone of the computer showing the window, to offer for a new folder. */
export function localTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
