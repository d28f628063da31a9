/** One step into the settings: a key of an object or an index of a list. */
export type PathStep = string | number;

/** A place in the settings, as steps: ['profiles', 0, 'options', 'baseUrl']. */
export type SettingsPath = readonly PathStep[];

/** A plain JSON object, as the settings are edited. */
export type JsonObject = { readonly [key: string]: unknown };

/** Whether a value is a plain JSON object (not a list, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path as the service writes it in a SettingsError: `profiles[0].options.baseUrl`. */
export function pathKey(path: SettingsPath): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : `${i === 0 ? '' : '.'}${step}`))
    .join('');
}

/** The steps of a SettingsError path; `(top level)` and '' are the settings themselves. */
export function parsePathKey(key: string): SettingsPath {
  if (key === '' || key === '(top level)') return [];
  const steps: PathStep[] = [];
  for (const match of key.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    steps.push(match[2] === undefined ? (match[1] ?? '') : Number(match[2]));
  }
  return steps;
}

/** The value at a path, or undefined when the settings do not go that deep. */
export function valueAt(root: unknown, path: SettingsPath): unknown {
  let value = root;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(value) : !isJsonObject(value)) return undefined;
    value = (value as Record<PathStep, unknown>)[step];
  }
  return value;
}

/**
 * A copy of the settings with the value at `path` replaced (undefined removes the key). Only
 * the objects along the path are copied; every other key, known or not, is kept as it was.
 */
export function withValueAt(root: unknown, path: SettingsPath, value: unknown): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return value;
  if (typeof step === 'number') {
    const list = Array.isArray(root) ? [...(root as unknown[])] : [];
    list[step] = withValueAt(list[step], rest, value);
    return list;
  }
  const object = isJsonObject(root) ? root : {};
  return withKey(object, step, withValueAt(object[step], rest, value));
}

/** A copy of an object with one key set, or left out when the value is undefined. */
export function withKey(object: unknown, key: string, value: unknown): JsonObject {
  const entries = Object.entries(isJsonObject(object) ? object : {});
  if (value === undefined) return Object.fromEntries(entries.filter(([k]) => k !== key));
  return { ...Object.fromEntries(entries), [key]: value };
}

/** A copy of the settings with item `index` taken out of the list at `path`. */
export function withoutItemAt(root: unknown, path: SettingsPath, index: number): unknown {
  const list = valueAt(root, path);
  if (!Array.isArray(list)) return root;
  return withValueAt(
    root,
    path,
    list.filter((_, i) => i !== index),
  );
}

/** The list at a path ([] when there is none). */
export function listAt(root: unknown, path: SettingsPath): readonly unknown[] {
  const list = valueAt(root, path);
  return Array.isArray(list) ? list : [];
}
