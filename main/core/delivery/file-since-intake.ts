import { stat } from 'node:fs/promises';
import { sha256File } from '../intake/content-hash.ts';
import type { RecordingRow } from '../store/queue-store.ts';
import { hashPending } from '../store/recording-row.ts';

/** The recording was deleted or moved away before it could be sent. */
export class FileGoneError extends Error {
  override readonly name = 'FileGoneError';
}

/**
 * The recording on disk is no longer what intake examined (a recorder still writing, or a
 * file replaced under the same name): what is sent would not be what the row describes.
 */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
  /** The platform's id, when the change was found after the platform had confirmed a copy. */
  readonly remoteId: string | undefined;

  constructor(remoteId?: string) {
    super(changedMessage(remoteId, false));
    this.remoteId = remoteId;
  }
}

/**
 * Whether the recording is still what intake examined: the same size and time, or, when only
 * the time moved (a file touched or saved again as it was), the same content (a row whose
 * hash is still pending cannot tell, and counts as changed). Answers the
 * error that says what happened, or undefined when the file is as it was. Other failures to
 * look at the file are thrown.
 */
export async function changeSinceIntake(
  row: RecordingRow,
): Promise<FileGoneError | FileChangedError | undefined> {
  let facts;
  try {
    facts = await stat(row.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return goneError();
    throw error;
  }
  if (!facts.isFile()) return goneError();
  if (facts.size === row.sizeBytes && facts.mtimeMs === row.mtimeMs) return undefined;
  if (
    facts.size === row.sizeBytes &&
    !hashPending(row) &&
    (await sha256File(row.path).catch(() => '')) === row.sha256
  ) {
    return undefined;
  }
  return new FileChangedError();
}

/**
 * Says in plain words what became of a recording that changed on disk before or while it was
 * sent (`remoteId`: the platform confirmed a copy, which may be cut short), and whether its
 * new content is already queued on its own.
 */
export function changedMessage(remoteId: string | undefined, newContentQueued: boolean): string {
  const when =
    remoteId === undefined
      ? 'the recording changed on disk after it was examined (it may still be being written, or was replaced), so it was not sent'
      : `the recording changed on disk while it was being sent, so the copy the platform received (id ${remoteId}) may be incomplete`;
  return newContentQueued
    ? `${when}: its new content is delivered on its own`
    : `${when}: it is examined again once it stops changing, and only then sent`;
}

function goneError(): FileGoneError {
  return new FileGoneError(
    'the recording was deleted or moved before it could be sent, so nothing was delivered: if that was a mistake, put the file back and retry it',
  );
}
