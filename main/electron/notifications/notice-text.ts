/** The words of a notification, from what needs a person. Pure. */
import type { AlarmId } from '../../../preload/api.ts';
import type { DesktopView } from '../../../preload/desktop-api.ts';

/** One thing a person must act on. */
export type Attention =
  /** A destination paused: credentials refused, or a secret or setting missing. */
  | {
      readonly kind: 'paused';
      readonly profile: string;
      readonly label: string;
      readonly message?: string;
    }
  /** A destination unreachable for longer than the offline delay. */
  | {
      readonly kind: 'offline';
      readonly profile: string;
      readonly label: string;
      readonly minutes: number;
    }
  /** A recording that cannot be delivered without a person. */
  | {
      readonly kind: 'failed';
      readonly id: number;
      readonly fileName: string;
      readonly error: string | null;
    }
  /** An alarm came on: something fails silently (no new recordings, a backlog too old, low disk). */
  | { readonly kind: 'alarm'; readonly alarm: AlarmId; readonly message: string };

/** Each alarm's notification title, and the view that helps with it. */
const ALARM_NOTICES: Readonly<Record<AlarmId, { title: string; view: DesktopView }>> = {
  'no-new-recordings': { title: 'No new recordings', view: 'settings' },
  'backlog-too-old': { title: 'Recordings wait too long to be delivered', view: 'queue' },
  'low-disk-space': { title: 'Low disk space', view: 'settings' },
};

/** A notification to show, and the view its click opens. */
export interface Notice {
  readonly title: string;
  readonly body: string;
  readonly view: DesktopView;
}

/** One notice for everything in a burst. */
export function noticeFor(attentions: readonly Attention[]): Notice | null {
  const failed = attentions.filter((a) => a.kind === 'failed');
  const paused = attentions.filter((a) => a.kind === 'paused');
  const offline = attentions.filter((a) => a.kind === 'offline');
  const alarms = attentions.filter((a) => a.kind === 'alarm');
  const profiles = new Set([...paused, ...offline].map((a) => a.profile));
  const [onlyFailed] = failed;
  const [onlyPaused] = paused;
  const [onlyOffline] = offline;
  const kinds = [failed, paused, offline, alarms].filter((list) => list.length > 0).length;
  if (kinds === 0) return null;
  const [onlyAlarm] = alarms;
  if (kinds === 1 && onlyAlarm && alarms.length === 1) {
    const { title, view } = ALARM_NOTICES[onlyAlarm.alarm];
    return { title, body: onlyAlarm.message, view };
  }
  if (kinds === 1 && onlyFailed) {
    return {
      title: `${recordings(failed.length)} could not be delivered`,
      body:
        failed.length === 1
          ? `${onlyFailed.fileName}: ${onlyFailed.error ?? 'see Problems for what to do'}`
          : 'Open Problems to see why, and retry or skip them.',
      view: 'problems',
    };
  }
  if (kinds === 1 && onlyPaused && paused.length === 1) {
    return {
      title: `Delivery to ${onlyPaused.label} is paused`,
      body: onlyPaused.message ?? 'It needs a person: check its settings and credentials.',
      view: `settings/${onlyPaused.profile}`,
    };
  }
  if (kinds === 1 && onlyOffline && offline.length === 1) {
    return {
      title: `${onlyOffline.label} has been unreachable for ${onlyOffline.minutes} minutes`,
      body: 'Recordings wait and go as soon as it answers. Check the network, or the address in its settings.',
      view: `settings/${onlyOffline.profile}`,
    };
  }
  const lines = [
    ...(failed.length > 0 ? [`${recordings(failed.length)} could not be delivered`] : []),
    ...paused.map((a) => `delivery to ${a.label} is paused`),
    ...offline.map((a) => `${a.label} has been unreachable for ${a.minutes} minutes`),
    ...alarms.map((a) => ALARM_NOTICES[a.alarm].title.toLowerCase()),
  ];
  const [onlyProfile] = profiles;
  return {
    title: 'Call Courier needs attention',
    body: `${capitalise(lines.join('; '))}.`,
    view:
      failed.length > 0
        ? 'problems'
        : profiles.size === 1 && onlyProfile
          ? `settings/${onlyProfile}`
          : 'settings',
  };
}

function recordings(count: number): string {
  return count === 1 ? '1 recording' : `${count} recordings`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
