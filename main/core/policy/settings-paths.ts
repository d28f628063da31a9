/** Dotted settings paths ("upload.bandwidthLimit") read and written on plain JSON values. Pure. */

/** The value at a dotted path, or undefined when any part is missing. */
export function valueAtPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `value` with `next` at a dotted path, creating objects on the way. */
export function withValueAtPath(
  value: unknown,
  path: string,
  next: unknown,
): Record<string, unknown> {
  const [key = '', ...rest] = path.split('.');
  const base = isPlainObject(value) ? value : {};
  return {
    ...base,
    [key]: rest.length === 0 ? next : withValueAtPath(base[key], rest.join('.'), next),
  };
}

/** Whether a JSON value is an object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
