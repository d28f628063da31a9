import { useState } from 'react';
import type { RecordingItem, RecordingStatus } from '../../../../preload/api.ts';
import type { Courier } from '../../client/courier-client.ts';
import { ListToolbar, type FilterChoice } from '../../components/list-toolbar.tsx';
import { CallCell, FileCell } from '../../components/recording-facts.tsx';
import { DestinationCell } from '../../components/destination-cell.tsx';
import { RecordingTable } from '../../components/recording-table.tsx';
import { formatDateTime } from '../../format/times.ts';
import { useRecordingList } from '../../lists/use-recording-list.ts';
import { HistoryOutcomeCell } from './history-outcome-cell.tsx';

type HistoryFilter = 'delivered' | 'uploaded' | 'processed' | 'skipped';

const CHOICES: readonly FilterChoice<HistoryFilter>[] = [
  { value: 'delivered', label: 'Everything delivered' },
  { value: 'uploaded', label: 'Delivered, processing not confirmed' },
  { value: 'processed', label: 'Processed by the platform' },
  { value: 'skipped', label: 'Skipped' },
];

const STATUSES: Readonly<Record<HistoryFilter, readonly RecordingStatus[]>> = {
  delivered: ['uploaded', 'processed'],
  uploaded: ['uploaded'],
  processed: ['processed'],
  skipped: ['skipped'],
};

/** History: delivered recordings with their id at the platform, and the skipped ones. */
export function HistoryView(props: { readonly courier: Courier }) {
  const [filter, setFilter] = useState<HistoryFilter>('delivered');
  const [q, setQ] = useState('');
  const list = useRecordingList(props.courier, STATUSES[filter], q);
  return (
    <section className="view" aria-labelledby="history-heading">
      <h2 id="history-heading" tabIndex={-1}>
        History
      </h2>
      <ListToolbar
        filter={{ choices: CHOICES, value: filter, onChange: setFilter }}
        onSearch={setQ}
      />
      <RecordingTable
        label={filter === 'skipped' ? 'Skipped recordings' : 'Delivered recordings'}
        columns={['Recording', 'Call', 'Destination', 'At the platform', 'When']}
        layout="table--history"
        list={list}
        emptyText={emptyText(filter, q)}
        renderCells={(item: RecordingItem) => (
          <>
            <FileCell item={item} />
            <CallCell item={item} />
            <DestinationCell id={item.destination} />
            <HistoryOutcomeCell courier={props.courier} item={item} />
            <div role="cell" className="cell">
              <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
            </div>
          </>
        )}
      />
    </section>
  );
}

function emptyText(filter: HistoryFilter, q: string): string {
  if (q.trim() !== '') return 'No recording matches.';
  return filter === 'skipped' ? 'No recording was skipped.' : 'Nothing has been delivered yet.';
}
