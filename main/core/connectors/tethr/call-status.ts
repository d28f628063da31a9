import type {
  DeliveredRecording,
  ProcessingState,
  UploadReceipt,
  UploaderHealth,
} from '../connector.ts';
import { MONITOR_STATUS, type CallSession, type MonitorMessage } from './api-types.ts';

/** Session ids asked about in one status request. */
export const STATUS_BATCH_SIZE = 100;

/**
 * Where a call is, from its Tethr status: Complete is processed; Concluded (received,
 * being processed) and InProgress (live capture) are processing. NotFound, and any status
 * Tethr does not document, say nothing: null.
 */
export function processingStateOf(status: string): ProcessingState | null {
  switch (status.trim().toLowerCase()) {
    case 'complete':
      return { state: 'processed' };
    case 'concluded':
    case 'inprogress':
      return { state: 'processing' };
    default:
      return null;
  }
}

/** Whether Tethr holds the call of a status entry. */
export function isKnownToTethr(session: CallSession): boolean {
  return session.status.trim().toLowerCase() !== 'notfound';
}

/** The distinct session ids of delivered recordings, in batches the status API is asked in. */
export function statusBatches(
  delivered: readonly DeliveredRecording[],
  size: number = STATUS_BATCH_SIZE,
): string[][] {
  const ids = [...new Set(delivered.map((d) => d.remoteId))];
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
  return batches;
}

/**
 * The receipt of a call Tethr holds: the session id (what the status API is asked by) as
 * remote id, and Tethr's link to the call when the server is a Tethr cloud instance.
 */
export function receiptOf(sessionId: string, callId: string | null | undefined, baseUrl: URL) {
  const link = callId ? callLink(baseUrl, callId) : undefined;
  const receipt: UploadReceipt = link
    ? { remoteId: sessionId, url: link }
    : { remoteId: sessionId };
  return receipt;
}

/** `https://INSTANCE.Tethr.com/calls/CALLID` for a server at `INSTANCE.Audio.Tethr.com`; else undefined. */
export function callLink(baseUrl: URL, callId: string): string | undefined {
  const instance = /^(.+)\.audio\.tethr\.com$/i.exec(baseUrl.hostname)?.[1];
  if (instance === undefined) return undefined;
  return `https://${instance}.tethr.com/calls/${encodeURIComponent(callId)}`;
}

/** Heartbeat Status for the uploader's health: 1 healthy, 10 warning, 20 error, 30 offline. */
export const MONITOR_STATUS_OF_HEALTH: Readonly<Record<UploaderHealth, MonitorMessage['Status']>> =
  {
    healthy: MONITOR_STATUS.healthy,
    retrying: MONITOR_STATUS.warning,
    'needs-person': MONITOR_STATUS.error,
    paused: MONITOR_STATUS.offline,
  };

/** The heartbeat message for this health, time and computer. */
export function monitorMessage(
  health: UploaderHealth,
  nowMs: number,
  name: string,
): MonitorMessage {
  return {
    Status: MONITOR_STATUS_OF_HEALTH[health],
    TimeStamp: new Date(nowMs).toISOString(),
    Name: name,
  };
}
