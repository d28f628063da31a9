import type { AlarmSettings } from '../settings/alarms-schema.ts';
import type { AlarmCondition } from './alarm-ids.ts';
import { businessWindowStart } from './business-hours.ts';
import { durationWords, minutesWords } from './duration-words.ts';

/** What the "no new recordings" alarm looks at. */
export interface RecordingFacts {
  /** Now, ms since the epoch. */
  readonly now: number;
  /** When the newest recording was found (queued), or null when none ever was. */
  readonly lastRecordingAt: number | null;
  /** When the service started: silence before it is not counted. */
  readonly startedAt: number;
  /** The watch folders' paths; with none there is nothing to be silent. */
  readonly watchFolders: readonly string[];
}

/**
 * On when, inside business hours, no new recording has been found for the set minutes. Silence
 * is counted from the latest of: the start of today's business hours, the service's start and
 * the newest recording; so nights, weekends and a restart never count as silence.
 */
export function noNewRecordings(
  setting: AlarmSettings['noNewRecordings'],
  facts: RecordingFacts,
): AlarmCondition | null {
  if (setting === 'off' || facts.watchFolders.length === 0) return null;
  const windowStart = businessWindowStart(setting, new Date(facts.now));
  if (!windowStart) return null;
  const quietSince = Math.max(windowStart.getTime(), facts.startedAt, facts.lastRecordingAt ?? 0);
  const quiet = facts.now - quietSince;
  if (quiet < setting.minutes * 60_000) return null;
  return {
    id: 'no-new-recordings',
    message:
      `No new recording has arrived for ${durationWords(quiet)} of business hours ` +
      `(the alarm is set at ${minutesWords(setting.minutes)}, ${setting.days} ${setting.from}–${setting.to}): ` +
      `check that the recorder or PBX is running and still saves calls into ${folders(facts.watchFolders)}. ` +
      'The alarm clears itself when the next recording arrives.',
  };
}

function folders(paths: readonly string[]): string {
  if (paths.length > 3) return `the ${paths.length} watch folders`;
  return paths.join(', ');
}
