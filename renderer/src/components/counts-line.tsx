import type { RecordingStatus } from '../../../preload/api.ts';

/** The header's counts: what waits, is being sent, will retry, needs attention, and is delivered. */
export function CountsLine(props: { readonly counts: Readonly<Record<RecordingStatus, number>> }) {
  const { counts } = props;
  const delivered = counts.uploaded + counts.processed;
  const parts: readonly (readonly [string, number, string])[] = [
    ['waiting', counts.queued, 'waiting'],
    ['sending', counts.uploading, 'sending'],
    ['retrying', counts.retrying, 'will retry'],
    ['failed', counts.failed, counts.failed === 1 ? 'needs attention' : 'need attention'],
    ['delivered', delivered, 'delivered'],
  ];
  return (
    <ul className="counts" aria-label="Recordings">
      {parts.map(([key, count, words]) => (
        <li key={key} data-count={key}>
          <strong>{count.toLocaleString()}</strong> {words}
        </li>
      ))}
    </ul>
  );
}
