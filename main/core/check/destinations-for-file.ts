import { isAbsolute, relative, resolve, sep } from 'node:path';
import { CONNECTORS, findConnector } from '../connectors/registry.ts';
import type { NameSource } from '../metadata/read-call-metadata.ts';
import type { Settings, WatchFolder } from '../settings/schema.ts';
import type { CheckDestination } from './check-recording.ts';

/** The watch folder a file belongs to (the deepest one that holds it), or undefined. */
export function watchFolderFor(settings: Settings, file: string): WatchFolder | undefined {
  const path = resolve(file);
  let best: WatchFolder | undefined;
  for (const folder of settings.watch) {
    const rel = relative(resolve(folder.path), path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    if (!folder.recursive && rel.includes(sep)) continue;
    if (!best || folder.path.length > best.path.length) best = folder;
  }
  return best;
}

/** How to read a file's name, and where it goes. */
export interface CheckPlan {
  readonly naming: NameSource;
  readonly destinations: CheckDestination[];
}

/** How to read the file's name and where it goes, per the settings (every profile when no folder holds it). */
export function checkPlanFor(settings: Settings, file: string): CheckPlan {
  const folder = watchFolderFor(settings, file);
  const profiles = folder
    ? settings.profiles.filter((p) => folder.destinations.includes(p.id))
    : settings.profiles;
  const destinations = profiles.flatMap((p) => {
    const connector = findConnector(p.connector);
    return connector ? [{ id: p.id, connector, options: p.options }] : [];
  });
  const naming: NameSource = folder
    ? {
        timeZone: folder.timeZone,
        ...(folder.preset ? { preset: folder.preset } : {}),
        ...(folder.template ? { template: folder.template } : {}),
      }
    : {};
  return { naming, destinations };
}

/** Every connector with its default options: what `check` judges against when no config is given. */
export function everyConnectorAsDestination(): CheckDestination[] {
  return CONNECTORS.map((connector) => ({ id: connector.id, connector, options: {} }));
}
