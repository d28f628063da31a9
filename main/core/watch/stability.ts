import { open, stat } from 'node:fs/promises';
import { isGoneError } from './watch-messages.ts';

/** A file being watched until it stops changing. Mutated in place by `examine`. */
export interface PendingFile {
  /** Size and time at the last look; -1 before the first. */
  sizeBytes: number;
  mtimeMs: number;
  /** When the file was last seen to change (by a look or by a change event). */
  changedAt: number;
  /** Whether a problem reading it was already reported, so that it is said once. */
  complained: boolean;
}

/** What one look at a pending file found. */
export type Examination =
  | { readonly kind: 'gone' }
  | { readonly kind: 'changing' }
  | { readonly kind: 'unreadable'; readonly error: unknown }
  | { readonly kind: 'finished'; readonly sizeBytes: number; readonly mtimeMs: number };

/** A pending file as first found: by an event (nothing known yet) or by a scan (its stats). */
export function pendingFile(
  now: number,
  stats?: { readonly size: number; readonly mtimeMs: number },
): PendingFile {
  return {
    sizeBytes: stats?.size ?? -1,
    mtimeMs: stats?.mtimeMs ?? -1,
    changedAt: now,
    complained: false,
  };
}

/**
 * Looks at a pending file once: it is finished when its size and time have not changed for
 * `stableMs` and it can be opened for reading (a recorder on Windows holds it locked while
 * recording). There is no give-up time: a call may last hours.
 */
export async function examine(
  path: string,
  file: PendingFile,
  now: number,
  stableMs: number,
): Promise<Examination> {
  let size: number;
  let mtimeMs: number;
  try {
    const stats = await stat(path);
    if (!stats.isFile()) return { kind: 'gone' };
    ({ size, mtimeMs } = stats);
  } catch (error) {
    return isGoneError(error) ? { kind: 'gone' } : { kind: 'unreadable', error };
  }
  if (size !== file.sizeBytes || mtimeMs !== file.mtimeMs) {
    file.sizeBytes = size;
    file.mtimeMs = mtimeMs;
    file.changedAt = now;
    return { kind: 'changing' };
  }
  if (now - file.changedAt < stableMs) return { kind: 'changing' };
  const error = await openProblem(path);
  if (error === undefined) return { kind: 'finished', sizeBytes: size, mtimeMs };
  return isGoneError(error) ? { kind: 'gone' } : { kind: 'unreadable', error };
}

/** Opens the file for reading and closes it again; the error when it cannot be opened. */
export async function openProblem(path: string): Promise<unknown> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return undefined;
  } catch (error) {
    return error;
  }
}
