import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** A file's path with the size and time it has now. */
export interface FileAsIs {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/** The statement per database, prepared once: a start-up scan asks this for every file. */
const statements = new WeakMap<DatabaseSync, StatementSync>();

/**
 * For each of the files, the destinations that have a row for it with exactly this size and
 * time; a file no destination holds so is left out. One query for the whole batch: a start-up
 * scan of 100,000 files asks a few hundred at a time, not one by one.
 */
export function destinationsHolding(
  db: DatabaseSync,
  files: readonly FileAsIs[],
): ReadonlyMap<string, ReadonlySet<string>> {
  const holding = new Map<string, Set<string>>();
  if (files.length === 0) return holding;
  let statement = statements.get(db);
  if (statement === undefined) {
    statement = db.prepare(
      'SELECT path, size_bytes, mtime_ms, destination FROM recordings WHERE path IN (SELECT value FROM json_each(?))',
    );
    statements.set(db, statement);
  }
  const asIs = new Map(files.map((file) => [file.path, file]));
  for (const row of statement.all(JSON.stringify([...asIs.keys()]))) {
    const path = String(row['path']);
    const file = asIs.get(path);
    if (file === undefined) continue;
    if (file.sizeBytes !== row['size_bytes'] || file.mtimeMs !== row['mtime_ms']) continue;
    let destinations = holding.get(path);
    if (destinations === undefined) holding.set(path, (destinations = new Set()));
    destinations.add(String(row['destination']));
  }
  return holding;
}
