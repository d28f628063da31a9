import { useState } from 'react';
import type { RecordingStatus } from '../../../../preload/api.ts';
import type { Courier } from '../../client/courier-client.ts';
import { ListToolbar, type FilterChoice } from '../../components/list-toolbar.tsx';
import { CallCell, FileCell } from '../../components/recording-facts.tsx';
import { DestinationCell } from '../../components/destination-cell.tsx';
import { RecordingTable } from '../../components/recording-table.tsx';
import { useNow } from '../../app/use-now.ts';
import { useRecordingList } from '../../lists/use-recording-list.ts';
import { QueueStatusCell } from './queue-status-cell.tsx';

type QueueFilter = 'all' | 'queued' | 'uploading' | 'retrying';

const CHOICES: readonly FilterChoice<QueueFilter>[] = [
  { value: 'all', label: 'Everything not yet delivered' },
  { value: 'queued', label: 'Waiting' },
  { value: 'uploading', label: 'Sending' },
  { value: 'retrying', label: 'Will retry' },
];

const STATUSES: Readonly<Record<QueueFilter, readonly RecordingStatus[]>> = {
  all: ['queued', 'uploading', 'retrying'],
  queued: ['queued'],
  uploading: ['uploading'],
  retrying: ['retrying'],
};

/** The queue: every recording not yet delivered, live, with progress for those being sent. */
export function QueueView(props: { readonly courier: Courier }) {
  const [filter, setFilter] = useState<QueueFilter>('all');
  const [q, setQ] = useState('');
  const list = useRecordingList(props.courier, STATUSES[filter], q);
  const now = useNow(15_000);
  return (
    <section className="view" aria-labelledby="queue-heading">
      <h2 id="queue-heading" tabIndex={-1}>
        Queue
      </h2>
      <ListToolbar
        filter={{ choices: CHOICES, value: filter, onChange: setFilter }}
        onSearch={setQ}
      />
      <RecordingTable
        label="Recordings not yet delivered"
        columns={['Recording', 'Call', 'Destination', 'Status']}
        layout="table--queue"
        list={list}
        emptyText={
          q.trim() === ''
            ? 'Nothing is waiting: every recording has been delivered.'
            : 'No recording matches.'
        }
        renderCells={(item) => (
          <>
            <FileCell item={item} />
            <CallCell item={item} />
            <DestinationCell id={item.destination} />
            <QueueStatusCell item={item} progress={list.progress.get(item.id)} now={now} />
          </>
        )}
      />
    </section>
  );
}
