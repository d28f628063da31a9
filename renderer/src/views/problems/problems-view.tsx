import { useCallback, useState } from 'react';
import type { RecordingItem } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { Courier } from '../../client/courier-client.ts';
import { ListToolbar } from '../../components/list-toolbar.tsx';
import { FileCell } from '../../components/recording-facts.tsx';
import { DestinationCell } from '../../components/destination-cell.tsx';
import { RecordingTable } from '../../components/recording-table.tsx';
import { createMergedPager } from '../../lists/merged-pager.ts';
import { retryAll, retryAllSummary } from '../../lists/retry-all.ts';
import { useRecordingList } from '../../lists/use-recording-list.ts';
import { ProblemActions } from './problem-actions.tsx';

const FAILED = ['failed'] as const;

/** Problems: every recording that needs a person, why, and what can be done about it. */
export function ProblemsView(props: { readonly courier: Courier }) {
  const { courier } = props;
  const [q, setQ] = useState('');
  const list = useRecordingList(courier, FAILED, q);
  const [notes, setNotes] = useState<ReadonlyMap<number, string>>(new Map());
  const [summary, setSummary] = useState('');
  const [retrying, setRetrying] = useState(false);
  const note = useCallback(
    (id: number, text: string | null) =>
      setNotes((current) => {
        const next = new Map(current);
        if (text === null) next.delete(id);
        else next.set(id, text);
        return next;
      }),
    [],
  );

  const retryEverything = () => {
    setRetrying(true);
    setSummary('Retrying…');
    allFailedIds(courier, q)
      .then((ids) => retryAll(ids, (id) => courier.client.retry(id)))
      .then(
        (result) => {
          setNotes(new Map(result.refused));
          setSummary(retryAllSummary(result));
        },
        (failure: unknown) => setSummary(messageOf(failure)),
      )
      .finally(() => setRetrying(false));
  };

  return (
    <section className="view" aria-labelledby="problems-heading">
      <h2 id="problems-heading" tabIndex={-1}>
        Problems
      </h2>
      <ListToolbar onSearch={setQ}>
        <button
          type="button"
          onClick={retryEverything}
          disabled={retrying || (list.items.length === 0 && !list.hasMore)}
        >
          {q.trim() === '' ? 'Retry all' : 'Retry all shown'}
        </button>
      </ListToolbar>
      <p className="summary" role="status">
        {summary}
      </p>
      <RecordingTable
        label="Recordings that need attention"
        columns={['Recording', 'What went wrong', 'Destination', 'What you can do']}
        layout="table--problems"
        list={list}
        emptyText={
          q.trim() === '' ? 'No problems: nothing needs your attention.' : 'No recording matches.'
        }
        renderCells={(item) => (
          <>
            <FileCell item={item} />
            <ReasonCell item={item} note={notes.get(item.id)} />
            <DestinationCell id={item.destination} />
            <ProblemActions courier={courier} item={item} onNote={note} />
          </>
        )}
      />
    </section>
  );
}

function ReasonCell(props: { readonly item: RecordingItem; readonly note: string | undefined }) {
  const { item, note } = props;
  return (
    <div role="cell" className="cell cell--reason">
      <span>{item.error ?? 'No reason was recorded.'}</span>
      {item.attempts > 0 && (
        <span className="muted">
          Tried {item.attempts} {item.attempts === 1 ? 'time' : 'times'}
        </span>
      )}
      {note && <span className="note">{note}</span>}
    </div>
  );
}

/** The ids of every failed recording matching `q`, read through all pages. */
async function allFailedIds(courier: Courier, q: string): Promise<number[]> {
  const pager = createMergedPager(
    ['failed'],
    q,
    (query) => courier.client.listRecordings(query),
    500,
  );
  const ids: number[] = [];
  for (;;) {
    const { items, done } = await pager.next(500);
    ids.push(...items.map((item) => item.id));
    if (done) return ids;
  }
}
