import type { RecordingItem } from '../../../preload/api.ts';

/** A live list: the rows shown, and the newest version the events told of each recording. */
export interface ListState {
  readonly items: readonly RecordingItem[];
  /** Every recording an event described, by id, as that event left it. */
  readonly latest: ReadonlyMap<number, RecordingItem>;
}

/** Whether a recording belongs in the list (its status is one shown, it matches the search). */
export type Belongs = (item: RecordingItem) => boolean;

/** A list with nothing loaded yet. */
export const EMPTY_LIST: ListState = { items: [], latest: new Map() };

/**
 * Adds a loaded page at the end. A recording already shown is not repeated, and a page item
 * older than what an event already said about it gives way to that (or is dropped when, by the
 * event, it no longer belongs).
 */
export function appendPage(
  state: ListState,
  page: readonly RecordingItem[],
  belongs: Belongs,
): ListState {
  const shown = new Set(state.items.map((item) => item.id));
  const added: RecordingItem[] = [];
  for (const item of page) {
    if (shown.has(item.id)) continue;
    const known = state.latest.get(item.id);
    const current = known && !isNewer(item, known) ? known : item;
    if (!belongs(current)) continue;
    shown.add(current.id);
    added.push(current);
  }
  return added.length === 0 ? state : { ...state, items: [...state.items, ...added] };
}

/**
 * Applies `recording` events in order: a shown recording is updated where it stands (rows do not
 * jump while a person reads them) or removed when it no longer belongs; a new one that belongs
 * is put at the top, where the newest changes are.
 */
export function applyChanges(
  state: ListState,
  changes: readonly RecordingItem[],
  belongs: Belongs,
): ListState {
  if (changes.length === 0) return state;
  const latest = new Map(state.latest);
  for (const item of changes) {
    const known = latest.get(item.id);
    if (!known || !isNewer(known, item)) latest.set(item.id, item);
  }
  const changedIds = new Set(changes.map((item) => item.id));
  const kept: RecordingItem[] = [];
  const shown = new Set<number>();
  for (const item of state.items) {
    const current = changedIds.has(item.id) ? (latest.get(item.id) ?? item) : item;
    shown.add(item.id);
    if (belongs(current)) kept.push(current);
  }
  const arrived: RecordingItem[] = [];
  for (const id of changedIds) {
    const item = latest.get(id);
    if (item && !shown.has(id) && belongs(item)) arrived.unshift(item);
  }
  return { items: [...arrived, ...kept], latest };
}

/** What each recording being sent has sent so far, by id. */
export type ProgressMap = ReadonlyMap<
  number,
  { readonly sentBytes: number; readonly sizeBytes: number }
>;

/** Records `progress` events; a recording no longer being sent is forgotten. */
export function applyProgress(
  progress: ProgressMap,
  events: readonly {
    readonly id: number;
    readonly sentBytes: number;
    readonly sizeBytes: number;
  }[],
  changes: readonly RecordingItem[],
): ProgressMap {
  if (events.length === 0 && changes.length === 0) return progress;
  const next = new Map(progress);
  for (const event of events)
    next.set(event.id, { sentBytes: event.sentBytes, sizeBytes: event.sizeBytes });
  for (const item of changes) if (item.status !== 'uploading') next.delete(item.id);
  return next;
}

/** Whether `a` is a later version of a recording than `b`. */
function isNewer(a: RecordingItem, b: RecordingItem): boolean {
  return Date.parse(a.updatedAt) > Date.parse(b.updatedAt);
}
