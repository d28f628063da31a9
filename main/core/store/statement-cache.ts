import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Each database's statements by their SQL: compiling a statement costs more than running it. */
const caches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/**
 * The statement for `sql` on `db`, prepared on first use and reused afterwards (the queue
 * runs the same few statements for every recording). Only for SQL drawn from a small set of
 * texts: every distinct text is kept for as long as the database is open.
 */
export function statement(db: DatabaseSync, sql: string): StatementSync {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}
