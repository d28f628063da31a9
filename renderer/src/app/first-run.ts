/**
 * Whether the settings describe a first run: no watch folder or no destination yet, so the
 * window offers the short guided setup instead of empty lists.
 */
export function isFirstRun(settings: unknown): boolean {
  if (typeof settings !== 'object' || settings === null) return true;
  const { watch, profiles } = settings as { watch?: unknown; profiles?: unknown };
  return !nonEmptyArray(watch) || !nonEmptyArray(profiles);
}

function nonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
