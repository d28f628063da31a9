/** SQLite's primary result code for "database or disk is full". */
const SQLITE_FULL = 13;

/** Whether an error says the disk (or the user's quota) is full, from SQLite or the file system. */
export function isStorageFull(error: unknown): boolean {
  const { errcode, code } = (error ?? {}) as { errcode?: unknown; code?: unknown };
  // Extended result codes keep the primary code in the low byte.
  if (typeof errcode === 'number' && (errcode & 0xff) === SQLITE_FULL) return true;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
