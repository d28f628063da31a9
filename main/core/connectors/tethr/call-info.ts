import type { CallMetadata, Direction } from '../../metadata/call-metadata.ts';
import type { UploadJob } from '../connector.ts';
import type { CallInfo, InfoAudioFormat, InfoContact, InfoDirection } from './api-types.ts';

/** Prefix of the session ids Call Courier makes, so that Tethr support can tell where a call came from. */
export const SESSION_ID_PREFIX = 'callcourier-';

/** Hex digits of the content hash kept in a session id (128 bits). */
const SESSION_HASH_DIGITS = 32;

/**
 * Tethr's session id of a recording: derived from its content hash, so it is unique per
 * recording and the same on every retry (a resend after a crash is recognised by it).
 */
export function sessionIdOf(job: Pick<UploadJob, 'sha256'>): string {
  return `${SESSION_ID_PREFIX}${job.sha256.toLowerCase().slice(0, SESSION_HASH_DIGITS)}`;
}

const FORMAT_OF_CONTAINER: Readonly<Record<string, InfoAudioFormat>> = {
  wav: 'wav',
  mp3: 'mp3',
  ogg: 'opus',
};

const FORMAT_OF_EXTENSION: Readonly<Record<string, InfoAudioFormat>> = {
  wav: 'wav',
  mp3: 'mp3',
  opus: 'opus',
  ogg: 'opus',
};

/** The content type the archive requires for each audio format. */
export const CONTENT_TYPE_OF_FORMAT: Readonly<Record<InfoAudioFormat, string>> = {
  wav: 'audio/wav',
  mp3: 'audio/mp3',
  opus: 'audio/ogg',
};

/** Tethr's `audio.format` of a recording, from the probed header or else its extension; null when Tethr takes none. */
export function audioFormatOf(job: Pick<UploadJob, 'audio' | 'fileName'>): InfoAudioFormat | null {
  if (job.audio !== null) {
    const { container, codec } = job.audio;
    if (container === 'ogg' && codec !== 'opus' && codec !== 'unknown') return null;
    return FORMAT_OF_CONTAINER[container] ?? null;
  }
  const dot = job.fileName.lastIndexOf('.');
  return dot > 0 ? (FORMAT_OF_EXTENSION[job.fileName.slice(dot + 1).toLowerCase()] ?? null) : null;
}

const DIRECTIONS: Readonly<Record<Direction, InfoDirection>> = {
  IN: 'Inbound',
  OUT: 'Outbound',
  INTERNAL: 'Internal',
  UNKNOWN: 'Unknown',
};

/** Tethr's direction of a call; Unknown when the recording does not say. */
export function directionOf(direction: Direction | undefined): InfoDirection {
  return direction === undefined ? 'Unknown' : DIRECTIONS[direction];
}

/** An ISO 8601 UTC time, without milliseconds when they are zero: 2015-06-04T13:26:17Z. */
export function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

/** Looks like a telephone number: digits, with the usual +, spaces, dashes, dots and brackets. */
const PHONE_NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/**
 * The two contacts: the agent on `agentChannel` (the left channel, 0, when the recording
 * does not say) and the customer on the other. Channels are zero-based.
 */
export function contactsOf(metadata: CallMetadata): InfoContact[] {
  const agentChannel = metadata.agentChannel ?? 0;
  const { agentId, agentFirstName, agentLastName, clientId } = metadata;
  const agent: InfoContact = {
    type: 'agent',
    channel: agentChannel,
    ...(agentId === undefined ? {} : { referenceId: agentId }),
    ...(agentFirstName === undefined ? {} : { firstName: agentFirstName }),
    ...(agentLastName === undefined ? {} : { lastName: agentLastName }),
  };
  const customer: InfoContact = {
    type: 'customer',
    channel: 1 - agentChannel,
    ...(clientId === undefined ? {} : { referenceId: clientId }),
    ...(clientId !== undefined && PHONE_NUMBER.test(clientId) ? { phoneNumber: clientId } : {}),
  };
  return [agent, customer];
}

/**
 * `metaData`: what the other fields do not carry, under Call Courier's names (the queue as
 * `callQueue`, as Tethr's example does), then any extra key the recording carried.
 */
export function metaDataOf(
  job: Pick<UploadJob, 'fileName' | 'metadata'>,
  timeFromFile: boolean,
): Record<string, unknown> {
  const m = job.metadata;
  const known: Record<string, unknown> = {
    fileName: job.fileName,
    callQueue: m.queue,
    campaign: m.campaign,
    skillGroup: m.skillGroup,
    callType: m.callType,
    hangupBy: m.hangupBy,
    waitingTimeSec: m.waitingTimeSec,
    holds: m.holds,
    ...(timeFromFile ? { startTimeSource: 'file modification time' } : {}),
  };
  const defined = Object.entries(known).filter(([, value]) => value !== undefined);
  return { ...m.extra, ...Object.fromEntries(defined) };
}

/** What the `info` document is built from besides the job. */
export interface InfoContext {
  /**
   * When the recording has no start time: the file's modification time in milliseconds,
   * taken as the end of the call (recorders stop writing when the call ends).
   */
  readonly fileModifiedMs: number;
}

/**
 * The `info` part of the archive upload, from the call metadata and the audio header:
 * endTime is startTime plus the duration the header gives. Null when Tethr takes no such
 * audio format.
 */
export function callInfo(job: UploadJob, context: InfoContext): CallInfo | null {
  const format = audioFormatOf(job);
  if (format === null) return null;
  const { metadata } = job;
  const durationMs = Math.round((job.audio?.durationSec ?? 0) * 1000);
  const parsedStart =
    metadata.startTime === undefined ? Number.NaN : Date.parse(metadata.startTime);
  const timeFromFile = Number.isNaN(parsedStart);
  const startMs = timeFromFile ? context.fileModifiedMs - durationMs : parsedStart;
  return {
    sessionId: sessionIdOf(job),
    ...(metadata.callId === undefined ? {} : { masterCallId: metadata.callId }),
    audio: { format },
    startTime: utcTime(startMs),
    endTime: utcTime(startMs + durationMs),
    direction: directionOf(metadata.direction),
    ...(metadata.did === undefined ? {} : { numberDialed: metadata.did }),
    contacts: contactsOf(metadata),
    metaData: metaDataOf(job, timeFromFile),
  };
}
