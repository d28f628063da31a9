import type { RecordingItem } from '../../../preload/api.ts';
import type { RecordingRow } from '../store/queue-store.ts';

/** A queue row as the API and the window show it: no internal fields, ISO times. */
export function recordingItem(row: RecordingRow): RecordingItem {
  return {
    id: row.id,
    path: row.path,
    fileName: row.fileName,
    destination: row.destination,
    status: row.status,
    error: row.error,
    errorCode: row.errorCode,
    attempts: row.attempts,
    remoteId: row.remoteId,
    remoteUrl: row.remoteUrl,
    metadata: row.metadata,
    audio: row.audio,
    sizeBytes: row.sizeBytes,
    updatedAt: new Date(row.updatedAt).toISOString(),
    nextAttemptAt: row.nextAttemptAt === null ? null : new Date(row.nextAttemptAt).toISOString(),
    warnings: row.warnings,
  };
}
