import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import type { RecordingItem } from '../../../preload/api.ts';
import type { RecordingList } from '../lists/use-recording-list.ts';

/** How the rows of one view look. */
export interface RecordingTableProps {
  /** The table's accessible name, e.g. "Recordings not yet delivered". */
  readonly label: string;
  readonly columns: readonly string[];
  /** Class that lays out this view's columns (see styles). */
  readonly layout: string;
  readonly list: RecordingList;
  /** What an empty list says. */
  readonly emptyText: string;
  /** The cells of one row, each a `role="cell"` element. */
  readonly renderCells: (item: RecordingItem) => ReactNode;
}

/** Rows rendered beyond the visible ones, so scrolling shows no gap. */
const OVERSCAN = 8;
/** A next page is asked for when this close to the end of what is loaded. */
const LOAD_AHEAD = 20;

/**
 * A virtualised table of recordings: only the rows in view exist in the page, so a list of
 * 100 000 stays smooth; more pages load as the end comes near. Rows are `role="row"` with
 * `data-status` and `data-id`, so tests and assistive technology can find them.
 */
export function RecordingTable(props: RecordingTableProps) {
  const { list } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: list.items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: OVERSCAN,
    getItemKey: (index) => list.items[index]?.id ?? index,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;
  const { hasMore, loading, error, loadMore } = list;
  useEffect(() => {
    if (hasMore && !loading && error === null && lastShown >= list.items.length - LOAD_AHEAD) {
      loadMore();
    }
  }, [hasMore, loading, error, lastShown, list.items.length, loadMore]);

  return (
    <div className={list.items.length === 0 ? 'table-area table-area--empty' : 'table-area'}>
      <div
        role="table"
        aria-label={props.label}
        aria-rowcount={hasMore ? -1 : list.items.length + 1}
        className={`table ${props.layout}`}
      >
        <div role="rowgroup" className="table__head">
          <div role="row" aria-rowindex={1} className="table__row">
            {props.columns.map((column) => (
              <span role="columnheader" key={column}>
                {column}
              </span>
            ))}
          </div>
        </div>
        <div className="table__scroller" ref={scroller} tabIndex={0}>
          <div
            role="rowgroup"
            className="table__body"
            style={{ height: `${virtualizer.getTotalSize()}px` }}
          >
            {rows.map((row) => {
              const item = list.items[row.index];
              if (!item) return null;
              return (
                <div
                  role="row"
                  key={row.key}
                  data-index={row.index}
                  data-id={item.id}
                  data-status={item.status}
                  aria-rowindex={row.index + 2}
                  ref={virtualizer.measureElement}
                  className="table__row"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  {props.renderCells(item)}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <TableFoot list={list} emptyText={props.emptyText} />
    </div>
  );
}

function TableFoot(props: { readonly list: RecordingList; readonly emptyText: string }) {
  const { list } = props;
  if (list.error !== null) {
    return (
      <div className="table-foot notice notice--error" role="alert">
        <p>{list.error}</p>
        <button type="button" onClick={list.items.length === 0 ? list.reload : list.loadMore}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p className="table-foot" role="status">
      {list.loading ? 'Loading…' : list.items.length === 0 && !list.hasMore ? props.emptyText : ''}
    </p>
  );
}
