import {
  isJsonObject,
  listAt,
  valueAt,
  withoutItemAt,
  withValueAt,
  type JsonObject,
} from './settings-path.ts';

/**
 * Edits of the settings being drafted in the window. Each answers a new settings object and
 * keeps every key it does not touch, including keys this window does not know.
 */

/** The profile ids in the settings, in order. */
export function profileIds(settings: unknown): string[] {
  return listAt(settings, ['profiles']).flatMap((p) =>
    isJsonObject(p) && typeof p.id === 'string' ? [p.id] : [],
  );
}

/** A short id for a new destination of a platform, not yet taken: "tethr", then "tethr-2". */
export function newProfileId(connectorId: string, taken: readonly string[]): string {
  const base = connectorId.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 36) || 'destination';
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}-${n}`;
    if (!taken.includes(id)) return id;
  }
}

/** The settings with a new watch folder at the end; it sends to `destinations`. */
export function addFolder(
  settings: unknown,
  folder: {
    readonly path: string;
    readonly destinations: readonly string[];
    readonly timeZone?: string;
  },
): unknown {
  const entry: JsonObject = {
    path: folder.path,
    destinations: [...folder.destinations],
    ...(folder.timeZone !== undefined && { timeZone: folder.timeZone }),
  };
  return withValueAt(settings, ['watch'], [...listAt(settings, ['watch']), entry]);
}

/** The settings with a new destination of a platform at the end, with no options set yet. */
export function addProfile(settings: unknown, connectorId: string): unknown {
  const id = newProfileId(connectorId, profileIds(settings));
  const entry: JsonObject = { id, connector: connectorId, options: {} };
  return withValueAt(settings, ['profiles'], [...listAt(settings, ['profiles']), entry]);
}

/** The settings without watch folder `index`. */
export function removeFolder(settings: unknown, index: number): unknown {
  return withoutItemAt(settings, ['watch'], index);
}

/** The settings without destination `index`, and without it in any folder's destinations. */
export function removeProfile(settings: unknown, index: number): unknown {
  const id = valueAt(settings, ['profiles', index, 'id']);
  const without = withoutItemAt(settings, ['profiles'], index);
  return typeof id === 'string' ? renameDestination(without, id, null) : without;
}

/**
 * The settings with destination `index` given a new short id, which every folder that sent to
 * the old id now names. (Stored secrets belong to the old id: the window allows this only for
 * destinations not saved yet.)
 */
export function changeProfileId(settings: unknown, index: number, id: string): unknown {
  const before = valueAt(settings, ['profiles', index, 'id']);
  const renamed = withValueAt(settings, ['profiles', index, 'id'], id);
  return typeof before === 'string' ? renameDestination(renamed, before, id) : renamed;
}

/** The settings with destination `index` on another platform; options of the old one are dropped. */
export function changeConnector(settings: unknown, index: number, connectorId: string): unknown {
  const profile = valueAt(settings, ['profiles', index]);
  const next: Record<string, unknown> = isJsonObject(profile) ? { ...profile } : {};
  next.connector = connectorId;
  next.options = {};
  return withValueAt(settings, ['profiles', index], next);
}

/** Whether a folder sends to a destination, and the settings with that switched. */
export function withDestination(
  settings: unknown,
  folderIndex: number,
  id: string,
  on: boolean,
): unknown {
  const path = ['watch', folderIndex, 'destinations'];
  const list = listAt(settings, path).filter((d) => d !== id);
  return withValueAt(settings, path, on ? [...list, id] : list);
}

function renameDestination(settings: unknown, from: string, to: string | null): unknown {
  const folders = listAt(settings, ['watch']);
  if (folders.length === 0) return settings;
  return withValueAt(
    settings,
    ['watch'],
    folders.map((folder) => {
      if (!isJsonObject(folder) || !Array.isArray(folder.destinations)) return folder;
      const destinations = (folder.destinations as unknown[]).flatMap((d) =>
        d === from ? (to === null ? [] : [to]) : [d],
      );
      return { ...folder, destinations };
    }),
  );
}
