/** The watch folders a person may open from the tray or the window. Pure. */
import { resolve } from 'node:path';
import { validateSettings } from '../../core/settings/load-settings.ts';

/** The watch folders of settings as stored (none while the settings are not valid). */
export function watchFoldersOf(rawSettings: unknown): readonly string[] {
  const result = validateSettings(rawSettings);
  return result.ok ? result.settings.watch.map((folder) => folder.path) : [];
}

/** The folder to open: the one asked for, which must be a watch folder, else the first. */
export function pickWatchFolder(folders: readonly string[], requested?: string): string {
  if (requested !== undefined) {
    const match = folders.find((folder) => resolve(folder) === resolve(requested));
    if (!match) throw new Error(`${requested} is not one of the watched folders`);
    return match;
  }
  const [first] = folders;
  if (first === undefined) {
    throw new Error('No recordings folder is watched yet: add one in Settings');
  }
  return first;
}
