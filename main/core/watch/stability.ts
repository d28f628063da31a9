import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { findUndecodable } from './undecodable-names.ts';
import { isGoneError } from './watch-messages.ts';

/** A file being watched until it stops changing. Mutated in place by `examine`. */
export interface PendingFile {
  /** Size and time at the last look; -1 before the first. */
  sizeBytes: number;
  mtimeMs: number;
  /** When the file was last seen to change (by a look or by a change event). */
  changedAt: number;
  /** When it was last looked at; -1 before the first look. */
  lookedAt: number;
  /** Whether a problem reading it was already reported, so that it is said once. */
  complained: boolean;
  /** Set when the name is not UTF-8: only this path (its bytes) opens the file. */
  rawPath?: Buffer;
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
  rawPath?: Buffer,
): PendingFile {
  return {
    sizeBytes: stats?.size ?? -1,
    mtimeMs: stats?.mtimeMs ?? -1,
    changedAt: now,
    lookedAt: -1,
    complained: false,
    ...(rawPath ? { rawPath } : {}),
  };
}

/** When a pending file may be finished, if nothing changes before: `stableMs` after its last change. */
export function finishableAt(file: PendingFile, stableMs: number): number {
  return file.changedAt + stableMs;
}

/**
 * Whether a pending file is worth a look at `now`: its window may have ended, or it has not
 * been looked at for half a check interval (a change without an event shows only to a look;
 * half, so that a timer firing a millisecond early does not skip a file for a whole round).
 */
export function isDue(
  file: PendingFile,
  now: number,
  stableMs: number,
  checkIntervalMs: number,
): boolean {
  return now >= finishableAt(file, stableMs) || now - file.lookedAt >= checkIntervalMs / 2;
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
  file.lookedAt = now;
  let size: number;
  let mtimeMs: number;
  try {
    const stats = await statPending(path, file);
    if (!stats?.isFile()) return { kind: 'gone' };
    ({ size, mtimeMs } = stats);
  } catch (error) {
    return { kind: 'unreadable', error };
  }
  if (size !== file.sizeBytes || mtimeMs !== file.mtimeMs) {
    const firstLook = file.sizeBytes === -1;
    file.sizeBytes = size;
    file.mtimeMs = mtimeMs;
    if (!firstLook) {
      file.changedAt = now;
      return { kind: 'changing' };
    }
    // The first look after a change event: the file last changed at that event (or at its
    // time, if later and not in the future), not at this look, which came up to a check
    // interval after it. Counting from the look would add that interval to every call.
    file.changedAt = Math.max(file.changedAt, Math.min(mtimeMs, now));
  }
  if (now - file.changedAt < stableMs) return { kind: 'changing' };
  const error = await openProblem(file.rawPath ?? path);
  if (error === undefined) return { kind: 'finished', sizeBytes: size, mtimeMs };
  return isGoneError(error) ? { kind: 'gone' } : { kind: 'unreadable', error };
}

/**
 * The stats of a pending file; undefined when it is gone. A name that is not UTF-8 cannot be
 * stat-ed as the text Node shows: the file is then found by its bytes, kept in `rawPath`.
 */
async function statPending(path: string, file: PendingFile): Promise<Stats | undefined> {
  try {
    return await stat(file.rawPath ?? path);
  } catch (error) {
    if (!isGoneError(error)) throw error;
    if (file.rawPath !== undefined) return undefined;
    const found = await findUndecodable(path);
    if (found) file.rawPath = found.rawPath;
    return found?.stats;
  }
}

/** Opens the file for reading and closes it again; the error when it cannot be opened. */
export async function openProblem(path: string | Buffer): Promise<unknown> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return undefined;
  } catch (error) {
    return error;
  }
}
