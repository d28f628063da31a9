import type { DatabaseSync } from 'node:sqlite';

/** Runs `work` inside BEGIN IMMEDIATE … COMMIT, so it is on disk when this returns; rolls back if it throws. */
export function inTransaction<T>(db: DatabaseSync, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
