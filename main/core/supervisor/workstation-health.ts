import type { StatusAnswer, WorkstationHealth } from '../../../preload/api.ts';

/** What a workstation's status answer says, as the supervisor table shows it. */
export interface HealthReading {
  readonly health: WorkstationHealth;
  readonly problem: string | null;
  readonly backlog: number;
  readonly failed: number;
  readonly alarms: readonly string[];
}

/** Remote text is cut to this length: a row must stay a row. */
const MAX_TEXT = 300;

/**
 * Reads a workstation's status: paused when a person paused it, offline when no destination
 * answers, attention when recordings failed, a destination needs a person, or an alarm is on.
 */
export function readHealth(status: StatusAnswer): HealthReading {
  const counts = status.counts;
  const backlog = (counts.queued ?? 0) + (counts.uploading ?? 0) + (counts.retrying ?? 0);
  const failed = counts.failed ?? 0;
  const alarms = alarmWords((status as { alarms?: unknown }).alarms);
  const stuck = status.profiles
    .filter((p) => p.state === 'paused' && p.message)
    .map((p) => clip(`${p.label}: ${p.message}`));
  const reasons = [
    ...(failed > 0 ? [`${failed} ${failed === 1 ? 'recording' : 'recordings'} failed`] : []),
    ...stuck,
    ...alarms,
  ];
  const base = { backlog, failed, alarms };
  if (status.state === 'paused') {
    return { ...base, health: 'paused', problem: join(['paused by a person', ...reasons]) };
  }
  if (status.state === 'offline') {
    const why = status.profiles.map((p) => p.message).find((m) => m);
    return {
      ...base,
      health: 'offline',
      problem: join([
        why ? clip(`no destination answers: ${why}`) : 'no destination answers',
        ...reasons,
      ]),
    };
  }
  if (reasons.length > 0) return { ...base, health: 'attention', problem: join(reasons) };
  return { ...base, health: 'healthy', problem: null };
}

/** Whether an answer has the shape of a Call Courier status (another program may answer too). */
export function isStatusAnswer(value: unknown): value is StatusAnswer {
  const status = value as Partial<StatusAnswer> | null;
  return (
    typeof status === 'object' &&
    status !== null &&
    ['running', 'paused', 'offline'].includes(status.state as string) &&
    typeof status.counts === 'object' &&
    status.counts !== null &&
    Object.values(status.counts).every((n) => typeof n === 'number') &&
    Array.isArray(status.profiles)
  );
}

/** The alarms a workstation reports (another version may add them to its status), each in words. */
function alarmWords(alarms: unknown): string[] {
  if (!Array.isArray(alarms)) return [];
  return alarms.flatMap((alarm: unknown) => {
    if (typeof alarm === 'string') return [clip(alarm)];
    if (typeof alarm !== 'object' || alarm === null) return [];
    const fields = alarm as Record<string, unknown>;
    if (fields['active'] === false) return [];
    const words = [
      fields['message'],
      fields['label'],
      fields['title'],
      fields['kind'],
      fields['id'],
    ].find((w) => typeof w === 'string' && w !== '');
    return typeof words === 'string' ? [clip(words)] : [];
  });
}

function join(reasons: readonly string[]): string {
  return reasons.join('; ');
}

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
