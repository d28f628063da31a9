import type { CallMetadata, Direction } from '../call-metadata.ts';
import { splitExtension } from '../file-name.ts';
import { mergeMetadata } from '../merge-metadata.ts';
import {
  mismatch,
  readingZonedName,
  type NameParseOptions,
  type NameParseResult,
} from '../name-parse.ts';
import { ordinal, readCallType, readDirection, readHangupSide } from '../vocabulary.ts';
import { startTimeFromDigits } from '../zoned-time.ts';
import { isKnownKeyValue, KeyValueReader } from './enderturing-key-values.ts';

/** The audio files Ender Turing accepts, by extension (any case). */
export const ENDER_TURING_EXTENSIONS: readonly string[] = ['mp3', 'wav', 'opus'];

const MINIMAL_FORM = 'YYYYMMDD_HHMM_Agent_Client_DIRECTION_AgentChannel';
const CAMPAIGN_FORM = 'YYYYMMDDHHMMSS_Campaign_DID_Client_Agent_auto|manual';

type Parts = readonly string[];

/** An Ender Turing direction: IN, OUT or INTERNAL, or a synonym. */
function directionAt(parts: Parts, index: number): Direction | undefined {
  const token = parts[index];
  const read = token === undefined ? undefined : readDirection(token);
  return read === 'UNKNOWN' ? undefined : read;
}

/** The non-empty part at a 0-based index. */
function requiredAt(parts: Parts, index: number, what: string): string {
  return (
    parts[index] ||
    mismatch(`the ${ordinal(index + 1)} part is empty: Ender Turing expects ${what} there`)
  );
}

/**
 * Reads a name in Ender Turing's format: `YYYYMMDD_HHMM_Agent_Client_DIRECTION_AgentChannel`,
 * the advanced `YYYYMMDD_HHMMSS_agentId_First-Last_client_DIRECTION_queue_waitingTime_hangupBy`,
 * either followed by `key-value` parts, or a campaign call `YYYYMMDDHHMMSS_Campaign_DID_client_agent_auto|manual`.
 */
export function parseEnderTuringName(
  baseName: string,
  options: NameParseOptions = {},
): NameParseResult {
  return readingZonedName(options, (timeZone) => {
    const parts = splitExtension(baseName).stem.split('_');
    return /^\d{14}$/.test(parts[0] ?? '')
      ? readCampaignForm(parts, timeZone)
      : readDatedForm(parts, timeZone);
  });
}

/** `YYYYMMDDHHMMSS_Campaign_DID_client_agent_auto|manual`: an outbound campaign call. */
function readCampaignForm(parts: Parts, timeZone: string): CallMetadata {
  const first = parts[0] ?? '';
  const start = startTimeFromDigits(first.slice(0, 8), first.slice(8), timeZone);
  if (!start.ok) mismatch(`the 1st part '${first}' is not a real date and time: ${start.detail}`);
  if (parts.length < 6) {
    mismatch(
      `the name has ${parts.length} parts separated by '_' where a campaign call has 6: ${CAMPAIGN_FORM}`,
    );
  }
  const did = parts[2];
  const callType =
    readCallType(parts[5] ?? '') ??
    mismatch(`the 6th part '${parts[5]}' is not a call type: use auto or manual`);
  const positional: CallMetadata = {
    startTime: start.startTime,
    campaign: requiredAt(parts, 1, 'the campaign'),
    ...(did && did.toLowerCase() !== 'nodid' ? { did } : {}),
    clientId: requiredAt(parts, 3, 'the client'),
    agentId: requiredAt(parts, 4, 'the agent'),
    direction: 'OUT',
    callType,
  };
  return readTail(parts, 6, positional);
}

/** The forms that start with `YYYYMMDD_HHMM` or `YYYYMMDD_HHMMSS`. */
function readDatedForm(parts: Parts, timeZone: string): CallMetadata {
  const [date = '', time = ''] = parts;
  if (!/^\d{8}$/.test(date)) {
    mismatch(
      `the 1st part '${date}' is not a date: use YYYYMMDD, or YYYYMMDDHHMMSS for a campaign call`,
    );
  }
  if (parts.length < 5) {
    mismatch(
      `the name has ${parts.length} parts separated by '_' where Ender Turing needs at least 5: ${MINIMAL_FORM}`,
    );
  }
  if (!/^\d{4}(\d{2})?$/.test(time)) {
    mismatch(`the 2nd part '${time}' is not a time: use HHMM or HHMMSS`);
  }
  const start = startTimeFromDigits(date, time, timeZone);
  if (!start.ok) {
    mismatch(
      start.wrong === 'date'
        ? `the 1st part '${date}' is not a real date: ${start.detail}`
        : `the 2nd part '${time}' is not a real time: ${start.detail}`,
    );
  }
  if (directionAt(parts, 4)) return readMinimalForm(parts, start.startTime);
  if (directionAt(parts, 5)) return readAdvancedForm(parts, start.startTime);
  return mismatch(`the 5th part '${parts[4]}' is not a direction: use IN, OUT or INTERNAL`);
}

/** `YYYYMMDD_HHMM_Agent_Client_DIRECTION`, then the channel and key-values in any order. */
function readMinimalForm(parts: Parts, startTime: string): CallMetadata {
  const positional: CallMetadata = {
    startTime,
    agentId: requiredAt(parts, 2, 'the agent'),
    clientId: requiredAt(parts, 3, 'the client'),
    direction: directionAt(parts, 4),
  };
  return readTail(parts, 5, positional);
}

/** `YYYYMMDD_HHMMSS_agentId_First-Last_client_DIRECTION_queue_waitingTime_hangupBy`, then key-values. */
function readAdvancedForm(parts: Parts, startTime: string): CallMetadata {
  const [first = '', ...rest] = requiredAt(parts, 3, "the agent's name as First-Last").split('-');
  const last = rest.join('-');
  let positional: CallMetadata = {
    startTime,
    agentId: requiredAt(parts, 2, 'the agent'),
    ...(first ? { agentFirstName: first } : {}),
    ...(last ? { agentLastName: last } : {}),
    clientId: requiredAt(parts, 4, 'the client'),
    direction: directionAt(parts, 5),
  };
  const slots = [readQueue, readWaitingTime, readHangupBy];
  let index = 6;
  for (const readSlot of slots) {
    const token = parts[index];
    if (token === undefined || isKnownKeyValue(token)) break;
    if (token) positional = { ...positional, ...readSlot(token, index) };
    index += 1;
  }
  return readTail(parts, index, positional);
}

function readQueue(queue: string): CallMetadata {
  return { queue };
}

function readWaitingTime(token: string, index: number): CallMetadata {
  if (!/^\d+(\.\d+)?$/.test(token)) {
    mismatch(
      `the ${ordinal(index + 1)} part '${token}' is not a waiting time: use seconds, such as 11`,
    );
  }
  return { waitingTimeSec: Number(token) };
}

function readHangupBy(token: string, index: number): CallMetadata {
  const hangupBy =
    readHangupSide(token) ??
    mismatch(
      `the ${ordinal(index + 1)} part '${token}' is not who hung up: use agent, client or unknown`,
    );
  return { hangupBy };
}

/** The agent channel (0 or 1) and `key-value` parts after the positional ones; key-values win. */
function readTail(parts: Parts, from: number, positional: CallMetadata): CallMetadata {
  const keyValues = new KeyValueReader();
  let agentChannel: 0 | 1 | undefined;
  for (const [offset, token] of parts.slice(from).entries()) {
    const index = from + offset;
    if (token === '0' || token === '1') {
      if (agentChannel !== undefined) {
        mismatch(`the ${ordinal(index + 1)} part '${token}' is a second agent channel`);
      }
      agentChannel = token === '0' ? 0 : 1;
      continue;
    }
    keyValues.add(token, index);
  }
  const withChannel = agentChannel === undefined ? positional : { ...positional, agentChannel };
  return mergeMetadata(withChannel, keyValues.metadata());
}

/**
 * Tells why Ender Turing would not read the call details from a file name (its
 * extension is not .mp3, .wav or .opus, or the name does not follow its format),
 * or null when it would.
 */
export function enderTuringNameProblem(fileName: string): string | null {
  const { extension } = splitExtension(fileName);
  if (!ENDER_TURING_EXTENSIONS.includes(extension.toLowerCase())) {
    return extension
      ? `Ender Turing reads only .mp3, .wav and .opus files, not .${extension}`
      : 'the name has no extension: Ender Turing reads only .mp3, .wav and .opus files';
  }
  const result = parseEnderTuringName(fileName);
  return result.ok ? null : result.reason;
}
