import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** The statement per database, prepared once: a start-up scan asks this for every file. */
const statements = new WeakMap<DatabaseSync, StatementSync>();

/** The destinations that have a row for the file at `path` with exactly this size and time. */
export function destinationsHolding(
  db: DatabaseSync,
  path: string,
  sizeBytes: number,
  mtimeMs: number,
): ReadonlySet<string> {
  let statement = statements.get(db);
  if (statement === undefined) {
    statement = db.prepare(
      'SELECT destination FROM recordings WHERE path = ? AND size_bytes = ? AND mtime_ms = ?',
    );
    statements.set(db, statement);
  }
  return new Set(statement.all(path, sizeBytes, mtimeMs).map((r) => String(r['destination'])));
}
