import type { DatabaseSync } from 'node:sqlite';

/** How a transaction reaches the disk. */
export interface TransactionOptions {
  /**
   * True (the default): the commit is flushed to the disk (fsync) before this returns, so it
   * survives a power cut. False: it is committed and survives the process being killed, but
   * reaches the disk with the next durable commit; only for changes that nothing is done on
   * before such a commit (see QueueStore), since a flush blocks the whole service for a while.
   */
  readonly durable?: boolean;
}

/** Runs `work` inside BEGIN IMMEDIATE … COMMIT (on disk when this returns, unless not `durable`); rolls back if it throws. */
export function inTransaction<T>(
  db: DatabaseSync,
  work: () => T,
  options: TransactionOptions = {},
): T {
  const durable = options.durable ?? true;
  // In WAL mode NORMAL skips the flush at commit; the next FULL commit flushes it with its own.
  if (!durable) db.exec('PRAGMA synchronous = NORMAL');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  } finally {
    if (!durable) db.exec('PRAGMA synchronous = FULL');
  }
}
