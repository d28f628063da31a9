import type { ProfileStatus } from '../../../preload/api.ts';
import type { AlarmSettings } from '../settings/alarms-schema.ts';
import type { DestinationTime } from '../store/queue-statistics.ts';
import type { AlarmCondition } from './alarm-ids.ts';
import { durationWords, minutesWords } from './duration-words.ts';

/** What the "backlog too old" alarm looks at. */
export interface BacklogFacts {
  readonly now: number;
  /** When the oldest recording still on its way was queued, per destination. */
  readonly oldestWaiting: readonly DestinationTime[];
  /** The configured destinations and how they are doing (for labels and the reason). */
  readonly destinations: readonly ProfileStatus[];
  /** A person paused delivery. */
  readonly pausedByPerson: boolean;
  /** The upload timetable holds delivery now, as it was told to. */
  readonly heldByTimetable: boolean;
}

/**
 * On when the oldest recording not yet delivered (queued, uploading or waiting to retry) has
 * waited longer than the set minutes. Not while the upload timetable holds delivery on purpose.
 */
export function backlogTooOld(
  setting: AlarmSettings['backlogOlderThanMinutes'],
  facts: BacklogFacts,
): AlarmCondition | null {
  if (setting === 'off' || facts.heldByTimetable) return null;
  const late = facts.oldestWaiting.filter((t) => facts.now - t.at > setting * 60_000);
  if (late.length === 0) return null;
  const oldest = Math.min(...late.map((t) => t.at));
  const profiles = late.map(
    (t) =>
      facts.destinations.find((p) => p.id === t.destination) ?? {
        id: t.destination,
        label: t.destination,
        state: 'active' as const,
      },
  );
  return {
    id: 'backlog-too-old',
    message:
      `Recordings for ${profiles.map((p) => p.label).join(', ')} have waited ${durationWords(facts.now - oldest)} ` +
      `without being delivered (the alarm is set at ${minutesWords(setting)}): ${reason(facts, profiles)}. ` +
      'The alarm clears itself once they are delivered.',
  };
}

function reason(facts: BacklogFacts, profiles: readonly Partial<ProfileStatus>[]): string {
  if (facts.pausedByPerson) return 'delivery is paused; press Resume to send them';
  const stuck = profiles.filter((p) => p.state === 'paused' || p.state === 'offline');
  if (stuck.length > 0) {
    return stuck
      .map((p) =>
        p.state === 'offline'
          ? `${p.label} cannot be reached${p.message ? ` (${p.message})` : ''}; check the network`
          : `${p.label} is paused${p.message ? ` (${p.message})` : ''}; fix its settings or credentials`,
      )
      .join('; ');
  }
  return 'see the Queue for their errors, and check the network, the upload speed limit and the destination settings';
}
