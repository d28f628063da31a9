import { RECORDING_STATUSES, type RecordingStatus } from '../store/recording-status.ts';
import type { RecordingQuery } from './courier-contract.ts';
import { HttpError } from './http-answers.ts';

/** The largest page a client may ask for. */
export const MAX_PAGE_SIZE = 500;

/** Reads `?status=&q=&limit=&cursor=` into a RecordingQuery, refusing (400) what is not valid. */
export function parseRecordingQuery(params: URLSearchParams): RecordingQuery {
  const status = params.get('status') || undefined;
  if (status !== undefined && !isStatus(status)) {
    throw new HttpError(
      400,
      `unknown status "${status}": use one of ${RECORDING_STATUSES.join(', ')}`,
    );
  }
  const limitText = params.get('limit') || undefined;
  const limit = limitText === undefined ? undefined : Number(limitText);
  if (
    limit !== undefined &&
    !(/^\d+$/.test(limitText ?? '') && limit >= 1 && limit <= MAX_PAGE_SIZE)
  ) {
    throw new HttpError(400, `limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  const q = params.get('q') || undefined;
  const cursor = params.get('cursor') || undefined;
  return {
    ...(status && { status }),
    ...(q !== undefined && { q }),
    ...(limit !== undefined && { limit }),
    ...(cursor !== undefined && { cursor }),
  };
}

function isStatus(text: string): text is RecordingStatus {
  return (RECORDING_STATUSES as readonly string[]).includes(text);
}
