import type { ProcessingState } from '../connector.ts';
import type { OliverProcess } from './api-types.ts';

/** Oliver's process status codes (v5 and legacy alike). */
export const PROCESS_STATUS = {
  pending: 0,
  processing: 1,
  completed: 2,
  failed: -1,
  insufficientCredits: -2,
  serverError: -3,
} as const;

/**
 * Where a process stands, in Call Courier's terms: pending and processing are
 * "processing", completed is "processed", and any negative status is "failed" with
 * Oliver's status message (or plain words when it gives none).
 */
export function processingState(process: OliverProcess): ProcessingState {
  const { status, statusmsg } = process;
  if (status === PROCESS_STATUS.completed) return { state: 'processed' };
  if (status === undefined || status >= 0) return { state: 'processing' };
  const reason = statusmsg?.trim() || fallbackReason(status);
  const message =
    status === PROCESS_STATUS.insufficientCredits
      ? `Behavioral Signals did not process the recording: the project has no credits left (${reason})`
      : `Behavioral Signals could not process the recording: ${reason}`;
  return { state: 'failed', message };
}

function fallbackReason(status: number): string {
  switch (status) {
    case PROCESS_STATUS.insufficientCredits:
      return 'insufficient credits';
    case PROCESS_STATUS.failed:
    case PROCESS_STATUS.serverError:
      return `a server error (status ${status})`;
    default:
      return `status ${status}`;
  }
}
