import type { Logger } from '../log/logger.ts';
import type { Settings } from '../settings/schema.ts';
import type { QueueStore, RecordingRow } from '../store/queue-store.ts';

/**
 * Says in plain words why the post-upload action could not move or delete a delivered
 * recording, and what to do; the recording stays where it is and the action is tried again.
 */
export function afterUploadProblem(
  action: Settings['upload']['afterUpload'],
  error: unknown,
): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (action.action === 'move') {
    const where = `the archive folder ${action.archiveDir}`;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? `Call Courier is not allowed to write to ${where}: give the account it runs as write access, or choose another archive folder in settings`
        : code === 'EROFS'
          ? `${where} is on a read-only disk or share: make it writable, or choose another archive folder in settings`
          : code === 'ENOSPC' || code === 'EDQUOT'
            ? `the disk of ${where} is full: free some space`
            : code === 'ENOTDIR' || code === 'EEXIST'
              ? `${where} cannot be created because part of its path is a file, not a folder: fix the archive folder in settings`
              : `${where} could not take it (${errorText(error)})`;
    return `delivered, but could not be moved to the archive: ${why}. The recording stays where it is, and moving it is tried again every minute`;
  }
  const why =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? 'Call Courier is not allowed to delete it: give the account it runs as write access to the watch folder'
      : errorText(error);
  return `delivered, but could not be deleted: ${why}. The recording stays where it is, and deleting it is tried again every minute`;
}

/**
 * Tells a person why a delivered recording could not be moved or deleted: in its history and
 * the log, once, until the reason changes (the action is tried again every minute).
 */
export function sayAfterUploadProblem(
  store: QueueStore,
  row: RecordingRow,
  log: Logger,
  message: string,
): void {
  if (store.events(row.id).at(-1)?.message === message) return;
  store.note(row.id, message);
  log.error(`${row.fileName} was ${message}`, { path: row.path });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
