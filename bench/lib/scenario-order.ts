/** The order of the scenarios; any other follows, by id. */
const ORDER = [
  'backlog-http',
  'backlog-sftp',
  'call-end-latency',
  'big-file-memory',
  'idle-cost',
  'startup-history',
  'list-scale',
  'bandwidth-limit',
];

/** Sorts scenarios (or their outcomes) into the order. */
export function inScenarioOrder<T extends { readonly id: string }>(items: readonly T[]): T[] {
  const rank = (item: T) => {
    const at = ORDER.indexOf(item.id);
    return at === -1 ? ORDER.length : at;
  };
  return [...items].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}
