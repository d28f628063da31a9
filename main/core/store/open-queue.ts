import { access, mkdir, open, rename, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { migrate, SCHEMA_VERSION, schemaVersion } from './migrations.ts';
import { QueueStore } from './queue-store.ts';

/** What openQueue did with a database it could not use. */
export interface QueueRecovery {
  /** Where the unusable file now is; its -wal and -shm files sit next to it with those suffixes. */
  readonly movedTo: string;
  /** Why it could not be used, in plain words. */
  readonly reason: string;
}

/** The open queue, and what was done if the old file was unusable (then rescan the folders). */
export interface QueueOpening {
  readonly store: QueueStore;
  readonly recovery?: QueueRecovery;
}

/** How to open the queue. */
export interface QueueOptions {
  /** How long a write waits for another process's lock before giving up; 5 s unless given. */
  readonly busyTimeoutMs?: number;
  /** The clock for row times; Date.now unless given. */
  readonly now?: () => number;
}

/** The file is not a usable queue: it will be moved aside. */
class DamagedQueue extends Error {}

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** The length of a database file's header. */
const HEADER_BYTES = 100;

/**
 * Opens (or creates) the queue database at `path`, checks it and brings its schema
 * up to date. A file that is empty, is not a database (or is another program's), fails
 * its integrity check or has a newer schema is moved aside with its -wal/-shm as `<path>.corrupt-<time>` and a fresh one
 * is created. Other errors (locked, permission, disk) are thrown: moving a healthy
 * file aside would forget what was delivered.
 */
export async function openQueue(path: string, options: QueueOptions = {}): Promise<QueueOpening> {
  const now = options.now ?? Date.now;
  const timeout = options.busyTimeoutMs ?? 5000;
  await mkdir(dirname(path), { recursive: true });
  try {
    // Checked before SQLite opens it: closing a connection to a non-database deletes its -wal.
    const header = await sqliteHeader(path);
    const kind = await kindOf(path, header);
    if (kind === 'empty') throw new DamagedQueue(`${basename(path)} is empty (0 bytes)`);
    if (kind === 'other') throw new DamagedQueue(`${basename(path)} is not a SQLite database`);
    const fullCheck = kind === 'sqlite' && !(await closedCleanly(path, header));
    return { store: new QueueStore(openChecked(path, timeout, fullCheck), now) };
  } catch (error) {
    if (!(error instanceof DamagedQueue)) throw error;
    const movedTo = await moveAside(path, new Date(now()));
    const store = new QueueStore(openChecked(path, timeout), now);
    return { store, recovery: { movedTo, reason: error.message } };
  }
}

/**
 * `fullCheck` reads every page (PRAGMA quick_check: 0.5 s for 100,000 rows); it is needed
 * unless the last run closed the file cleanly (see `closedCleanly`).
 */
function openChecked(path: string, timeout: number, fullCheck = true): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { timeout, enableForeignKeyConstraints: true });
    // Checked before anything is written: another program's file is left as it was.
    if (fullCheck) checkIntegrity(db, path);
    checkOwnTables(db, path);
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) {
      throw new DamagedQueue(
        `${basename(path)} was written by a newer version of Call Courier ` +
          `(schema ${version}; this version knows up to ${SCHEMA_VERSION})`,
      );
    }
    migrate(db);
    return db;
  } catch (error) {
    if (db?.isOpen) db.close();
    throw asDamage(error, path) ?? error;
  }
}

function checkIntegrity(db: DatabaseSync, path: string): void {
  const findings = db
    .prepare('PRAGMA quick_check')
    .all()
    .map((r) => String(Object.values(r)[0]));
  if (findings.length === 1 && findings[0] === 'ok') return;
  throw new DamagedQueue(
    `${basename(path)} failed its integrity check: ${findings[0] ?? 'no answer'}`,
  );
}

/** Tables every version of the queue has had since schema 1, with columns it cannot do without. */
const OWN_TABLES: Readonly<Record<string, readonly string[]>> = {
  recordings: ['id', 'path', 'destination', 'sha256', 'status'],
  recording_events: ['recording_id', 'to_status'],
  service_state: ['key', 'value'],
};

/** Refuses a database of another program: tables but no schema version, or not the queue's tables. */
function checkOwnTables(db: DatabaseSync, path: string): void {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all()
    .map((r) => String(r['name']));
  if (tables.length === 0) return; // a new file
  const missing =
    schemaVersion(db) === 0
      ? tables
      : Object.entries(OWN_TABLES).flatMap(([table, columns]) => {
          const has = new Set(
            db
              .prepare('SELECT name FROM pragma_table_info(?)')
              .all(table)
              .map((r) => String(r['name'])),
          );
          return columns.every((c) => has.has(c)) ? [] : [table];
        });
  if (missing.length === 0) return;
  throw new DamagedQueue(
    `${basename(path)} is not a Call Courier queue (it holds tables of another program: ${tables.slice(0, 5).join(', ')})`,
  );
}

function asDamage(error: unknown, path: string): DamagedQueue | null {
  if (error instanceof DamagedQueue) return error;
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code !== 'number') return null;
  // Extended result codes keep the primary code in the low byte.
  if ((code & 0xff) === SQLITE_NOTADB) {
    return new DamagedQueue(`${basename(path)} is not a SQLite database`);
  }
  if ((code & 0xff) === SQLITE_CORRUPT) {
    return new DamagedQueue(`${basename(path)} is damaged (${(error as Error).message})`);
  }
  return null;
}

/** Renames the file and its -wal/-shm to `<path>.corrupt-<time>`; returns the new name. */
async function moveAside(path: string, at: Date): Promise<string> {
  // Colons are not allowed in Windows file names.
  const stamp = at.toISOString().replaceAll(':', '-');
  let target = `${path}.corrupt-${stamp}`;
  for (let n = 2; await exists(target); n += 1) target = `${path}.corrupt-${stamp}-${n}`;
  await rename(path, target);
  for (const suffix of ['-wal', '-shm']) {
    if (await exists(path + suffix)) await rename(path + suffix, target + suffix);
  }
  return target;
}

/**
 * Whether the last connection closed the file cleanly and it is whole: SQLite folds the WAL
 * into the file and deletes it on a clean close (a crash or power cut leaves it behind), and
 * the file is exactly as long as its header says (a copy or disk cut short is not). Then the
 * page-by-page check at open is skipped, so damage inside such a file is not looked for then.
 */
async function closedCleanly(path: string, header: Buffer | 'missing'): Promise<boolean> {
  if (header === 'missing' || header.length < HEADER_BYTES || (await sizeOf(`${path}-wal`)) > 0)
    return false;
  const pageSizeField = header.readUInt16BE(16);
  const pageSize = pageSizeField === 1 ? 65_536 : pageSizeField;
  const pages = header.readUInt32BE(28);
  // The page count in the header is valid only when written by the same change as the file.
  const counted = header.readUInt32BE(92) === header.readUInt32BE(24);
  return counted && pages > 0 && (await sizeOf(path)) === pages * pageSize;
}

/** The file's first 100 bytes (fewer when it is shorter), or 'missing'. */
async function sqliteHeader(path: string): Promise<Buffer | 'missing'> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const { bytesRead, buffer } = await file.read(Buffer.alloc(HEADER_BYTES), 0, HEADER_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** 'sqlite' for a file that starts like a database, 'missing' (SQLite starts one), 'empty' or 'other'. */
async function kindOf(
  path: string,
  header: Buffer | 'missing',
): Promise<'sqlite' | 'missing' | 'empty' | 'other'> {
  if (header === 'missing') return 'missing';
  // Empty beside a WAL that holds something: let SQLite read what the WAL holds.
  if (header.length === 0) return (await sizeOf(`${path}-wal`)) > 0 ? 'sqlite' : 'empty';
  return header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC) ? 'sqlite' : 'other';
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then(
    (facts) => facts.size,
    () => 0,
  );
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
