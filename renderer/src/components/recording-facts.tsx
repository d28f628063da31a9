import type { RecordingItem } from '../../../preload/api.ts';
import { formatBytes } from '../format/bytes.ts';
import { formatDateTime, formatDuration } from '../format/times.ts';

/** The file cell: the name, its folder, and any warnings about it. */
export function FileCell(props: { readonly item: RecordingItem }) {
  const { item } = props;
  return (
    <div role="cell" className="cell cell--file">
      <span className="file-name">{item.fileName}</span>
      <span className="file-path" title={item.path}>
        {item.path}
      </span>
      {item.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {item.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The call cell: who spoke with whom, when, for how long, as far as the recording says. */
export function CallCell(props: { readonly item: RecordingItem }) {
  const { metadata, audio, sizeBytes } = props.item;
  const who = [
    metadata.agentId && `Agent: ${metadata.agentId}`,
    metadata.clientId && `Client: ${metadata.clientId}`,
  ].filter(Boolean);
  const when = [
    metadata.startTime && formatDateTime(metadata.startTime),
    audio && formatDuration(audio.durationSec),
    formatBytes(sizeBytes),
  ].filter(Boolean);
  return (
    <div role="cell" className="cell cell--call">
      {who.length > 0 && <span>{who.join(' · ')}</span>}
      {metadata.callId && <span>Call id: {metadata.callId}</span>}
      <span className="muted">{when.join(' · ')}</span>
    </div>
  );
}
