import type { RecordingItem } from '../../../preload/api.ts';

/**
 * Whether a recording matches the search box, the way the service searches (its search text is
 * the file name, the path and every value of the call details, lower-cased): used to decide
 * whether a recording that changed belongs in a searched list.
 */
export function matchesSearch(item: RecordingItem, q: string): boolean {
  const wanted = q.trim().toLowerCase();
  if (wanted === '') return true;
  return [item.fileName, item.path, ...leafValues(item.metadata)]
    .join('\n')
    .toLowerCase()
    .includes(wanted);
}

function leafValues(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object') return Object.values(value).flatMap(leafValues);
  return [String(value)];
}
