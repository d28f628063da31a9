import { useState } from 'react';
import type { ActiveAlarm, BandwidthChange, StatusAnswer } from '../../../preload/api.ts';
import { TOKEN_REFUSED, messageOf } from '../client/api-error.ts';
import type { Courier } from '../client/courier-client.ts';
import type { LinkState } from '../client/event-link.ts';
import { formatRate } from '../format/bytes.ts';
import { formatDateTime } from '../format/times.ts';
import { STATE_WORDS } from '../format/status-words.ts';
import { useLinkState } from '../app/use-link-state.ts';
import type { ServiceStatus } from '../app/use-service-status.ts';
import { CountsLine } from './counts-line.tsx';
import { ProfileNotices } from './profile-notices.tsx';

/** The window's header: whether delivery runs, the counts, the rate, Pause/Resume, and link trouble. */
export function StatusHeader(props: {
  readonly courier: Courier;
  readonly service: ServiceStatus;
}) {
  const { courier, service } = props;
  const linkState = useLinkState(courier.link);
  const status = service.status;
  return (
    <header className="status-header">
      <div className="status-header__title">
        <h1>Call Courier</h1>
        <p className="state" data-state={status?.state ?? 'unknown'} role="status">
          {status ? stateSentence(status) : 'Asking the service…'}
        </p>
      </div>
      {status && <CountsLine counts={status.counts} />}
      {status && (
        <p className="rate" aria-label="Upload rate">
          {status.counts.uploading > 0 && status.bytesPerSecond > 0
            ? `Sending at ${formatRate(status.bytesPerSecond)}`
            : 'Idle'}
        </p>
      )}
      {status?.nextBandwidthChange && <BandwidthNotice change={status.nextBandwidthChange} />}
      {status && <PauseButton courier={courier} status={status} onDone={service.refresh} />}
      <LinkNotice state={linkState} />
      {service.error && linkState !== 'refused' && (
        <p className="notice notice--error" role="alert">
          {service.error}
        </p>
      )}
      {status && <ProfileNotices profiles={status.profiles} />}
      {status?.alarms && <AlarmNotices alarms={status.alarms} />}
    </header>
  );
}

/** The alarms that are on: what is wrong and what to do, and since when. */
function AlarmNotices(props: { readonly alarms: readonly ActiveAlarm[] }) {
  if (props.alarms.length === 0) return null;
  return (
    <ul className="alarms" aria-label="Alarms">
      {props.alarms.map((alarm) => (
        <li key={alarm.id} className="notice notice--warning" role="alert" data-alarm={alarm.id}>
          {alarm.message} (since {formatDateTime(alarm.since)})
        </li>
      ))}
    </ul>
  );
}

/** The timetable's next change, e.g. "From 18:00: no speed limit". */
function BandwidthNotice(props: { readonly change: BandwidthChange }) {
  const { change } = props;
  const what = change.paused
    ? 'sending pauses'
    : change.bytesPerSecond === null
      ? 'no speed limit'
      : `speed limit ${formatRate(change.bytesPerSecond)}`;
  return (
    <p className="timetable">
      From {formatDateTime(change.at)}: {what}
    </p>
  );
}

function stateSentence(status: StatusAnswer): string {
  if (status.state === 'paused') return `${STATE_WORDS.paused}: nothing is sent until you resume`;
  if (status.state === 'offline')
    return `${STATE_WORDS.offline}: no destination can be reached; trying again`;
  return STATE_WORDS.running;
}

function PauseButton(props: {
  readonly courier: Courier;
  readonly status: StatusAnswer;
  readonly onDone: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const paused = props.status.state === 'paused';
  const toggle = () => {
    setBusy(true);
    setError(null);
    const { client } = props.courier;
    (paused ? client.resume() : client.pause())
      .then(props.onDone, (failure: unknown) => setError(messageOf(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <div className="pause">
      <button type="button" onClick={toggle} disabled={busy}>
        {paused ? 'Resume' : 'Pause'}
      </button>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function LinkNotice(props: { readonly state: LinkState }) {
  if (props.state === 'lost') {
    return (
      <p className="notice notice--warning" role="alert">
        Connection lost, retrying…
      </p>
    );
  }
  if (props.state === 'refused') {
    return (
      <p className="notice notice--error" role="alert">
        {TOKEN_REFUSED}
      </p>
    );
  }
  return null;
}
