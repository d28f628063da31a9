import { useState } from 'react';
import type { RecordingItem } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import type { Courier } from '../../client/courier-client.ts';
import { STATUS_WORDS } from '../../format/status-words.ts';

/**
 * What became of a recording at the platform: its id there and how far processing got; for a
 * skipped one, why, and a Retry that sends it after all.
 */
export function HistoryOutcomeCell(props: {
  readonly courier: Courier;
  readonly item: RecordingItem;
}) {
  const { courier, item } = props;
  const [note, setNote] = useState<string | null>(null);
  if (item.status === 'skipped') {
    const retry = () => {
      setNote(null);
      courier.client.retry(item.id).then(
        () => setNote('On its way again.'),
        (failure: unknown) => setNote(messageOf(failure)),
      );
    };
    return (
      <div role="cell" className="cell cell--outcome">
        <span className="status-word" data-status={item.status}>
          {STATUS_WORDS.skipped}
        </span>
        {item.error && <span className="muted">{item.error}</span>}
        <button type="button" onClick={retry}>
          Retry
        </button>
        {note && <span className="note">{note}</span>}
      </div>
    );
  }
  return (
    <div role="cell" className="cell cell--outcome">
      <span className="status-word" data-status={item.status}>
        {item.status === 'processed' ? 'Delivered and processed' : 'Delivered'}
      </span>
      {item.remoteId !== null && (
        <span>
          Platform id <code className="remote-id">{item.remoteId}</code>
        </span>
      )}
      {item.remoteUrl !== null && /^https?:\/\//.test(item.remoteUrl) && (
        <a href={item.remoteUrl} target="_blank" rel="noreferrer noopener">
          Open at the platform
        </a>
      )}
    </div>
  );
}
