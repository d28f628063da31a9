import type { Problem } from '../../problem.ts';
import type { UploadJob } from '../connector.ts';
import type { OptionValues, RecordingFacts } from '../declaration.ts';
import { RejectedError } from '../errors.ts';

/** The query parameters of a legacy Oliver upload (seed 004), as sent. */
export type LegacyQuery = Readonly<Record<string, string | number | undefined>>;

/** The call time as Oliver's legacy API takes it: a wall-clock time and its whole-hour offset. */
export interface LegacyCallTime {
  /** `YYYY-MM-DDTHH:mm:ss`, in the time zone `timezone` names. */
  readonly calltime: string;
  /** Hours east of UTC. */
  readonly timezone: number;
}

/**
 * The seed's query parameters from the recording's audio header and call details:
 * `channels` (1 or 2, from the header), `calltype` (incoming or outgoing, from the
 * direction), `name` (the file name), `agentId`, `agentTeam` (skill group),
 * `customerId` and `ANI` (the client's number or id), `campaignId`, and `calltime` with
 * `timezone` (from the start time). Throws RejectedError when the channel count or the
 * direction, both required by Oliver, cannot be given.
 */
export function legacyQuery(job: Pick<UploadJob, 'audio' | 'fileName' | 'metadata'>): LegacyQuery {
  const { metadata } = job;
  const time = metadata.startTime === undefined ? undefined : legacyCallTime(metadata.startTime);
  return {
    channels: channels(job),
    calltype: callType(job),
    name: job.fileName,
    agentId: metadata.agentId,
    agentTeam: metadata.skillGroup,
    customerId: metadata.clientId,
    campaignId: metadata.campaign,
    ANI: metadata.clientId,
    calltime: time?.calltime,
    timezone: time?.timezone,
  };
}

const START_TIME =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;

/**
 * An ISO 8601 start time as `calltime` and `timezone`: the wall-clock time with its
 * offset in hours; an offset that is not whole hours (India, +05:30) is sent as the
 * UTC time with timezone 0. Undefined when the time cannot be read.
 */
export function legacyCallTime(startTime: string): LegacyCallTime | undefined {
  const match = START_TIME.exec(startTime);
  if (match === null || Number.isNaN(Date.parse(startTime))) return undefined;
  const [, wall = '', second = '00', zulu, sign, hours = '0', minutes = '0'] = match;
  if (zulu !== undefined) return { calltime: `${wall}:${second}`, timezone: 0 };
  if (Number(minutes) === 0) {
    const offset = Number(hours) * (sign === '-' ? -1 : 1);
    return { calltime: `${wall}:${second}`, timezone: offset === 0 ? 0 : offset };
  }
  return { calltime: new Date(startTime).toISOString().slice(0, 19), timezone: 0 };
}

function channels(job: Pick<UploadJob, 'audio' | 'fileName'>): 1 | 2 {
  const count = job.audio?.channels;
  if (count === 1 || count === 2) return count;
  if (count === undefined) {
    throw new RejectedError(
      `Behavioral Signals' legacy API needs the channel count of ${job.fileName}, and its audio header could not be read`,
    );
  }
  throw new RejectedError(
    `Behavioral Signals' legacy API takes recordings with one or two channels; ${job.fileName} has ${count}`,
  );
}

function callType(job: Pick<UploadJob, 'fileName' | 'metadata'>): 'incoming' | 'outgoing' {
  const { direction } = job.metadata;
  if (direction === 'IN') return 'incoming';
  if (direction === 'OUT') return 'outgoing';
  const said = direction === undefined ? 'do not say' : `say ${direction.toLowerCase()}`;
  throw new RejectedError(
    `Behavioral Signals' legacy API needs to know whether ${job.fileName} was an incoming or an outgoing call, and its call details ${said}: ` +
      'give the direction in the recording name or its sidecar, or switch the profile to API version v5',
  );
}

/** Problems a recording has with the legacy API before it is sent: more than two channels. */
export function legacyRecordingProblems(
  recording: RecordingFacts,
  options: OptionValues,
): readonly Omit<Problem, 'destination'>[] {
  const count = recording.audio?.channels;
  if (options.apiVersion !== 'legacy' || count === undefined || count <= 2) return [];
  return [
    {
      code: 'unsupported-format',
      message: `Behavioral Signals' legacy API takes recordings with one or two channels; this one has ${count}. Mix it down to stereo, or switch the profile to API version v5.`,
    },
  ];
}
