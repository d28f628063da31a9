import type { RecordingItem } from '../../../../preload/api.ts';
import { formatBytes, percentSent } from '../../format/bytes.ts';
import { formatRelative } from '../../format/times.ts';
import { STATUS_WORDS } from '../../format/status-words.ts';

/** A queue row's status: a progress bar while sending, the next attempt while waiting to retry. */
export function QueueStatusCell(props: {
  readonly item: RecordingItem;
  readonly progress: { readonly sentBytes: number; readonly sizeBytes: number } | undefined;
  /** Now, in ms since the epoch, for the time to the next attempt. */
  readonly now: number;
}) {
  const { item, progress } = props;
  return (
    <div role="cell" className="cell cell--status">
      <span className="status-word" data-status={item.status}>
        {STATUS_WORDS[item.status]}
      </span>
      {item.status === 'uploading' && <SendingBar item={item} progress={progress} />}
      {item.status === 'retrying' && (
        <>
          {item.nextAttemptAt && (
            <span>
              Next try {formatRelative(item.nextAttemptAt, props.now)}
              {item.attempts > 0 &&
                ` (tried ${item.attempts} ${item.attempts === 1 ? 'time' : 'times'})`}
            </span>
          )}
          {item.error && <span className="muted">{item.error}</span>}
        </>
      )}
    </div>
  );
}

function SendingBar(props: {
  readonly item: RecordingItem;
  readonly progress: { readonly sentBytes: number; readonly sizeBytes: number } | undefined;
}) {
  const { item, progress } = props;
  const label = `Sending ${item.fileName}`;
  if (!progress) return <progress aria-label={label} />;
  const percent = percentSent(progress.sentBytes, progress.sizeBytes);
  return (
    <span className="sending">
      <progress aria-label={label} max={100} value={percent} />
      <span className="muted">
        {percent}% of {formatBytes(progress.sizeBytes)}
      </span>
    </span>
  );
}
