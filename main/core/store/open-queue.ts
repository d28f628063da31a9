import { access, mkdir, open, rename } from 'node:fs/promises';
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

/**
 * Opens (or creates) the queue database at `path`, checks it and brings its schema
 * up to date. A file that is not a database, fails its integrity check or has a newer
 * schema is moved aside with its -wal/-shm as `<path>.corrupt-<time>` and a fresh one
 * is created. Other errors (locked, permission, disk) are thrown: moving a healthy
 * file aside would forget what was delivered.
 */
export async function openQueue(path: string, options: QueueOptions = {}): Promise<QueueOpening> {
  const now = options.now ?? Date.now;
  const timeout = options.busyTimeoutMs ?? 5000;
  await mkdir(dirname(path), { recursive: true });
  try {
    // Checked before SQLite opens it: closing a connection to a non-database deletes its -wal.
    if (!(await hasSqliteHeader(path))) {
      throw new DamagedQueue(`${basename(path)} is not a SQLite database`);
    }
    return { store: new QueueStore(openChecked(path, timeout), now) };
  } catch (error) {
    if (!(error instanceof DamagedQueue)) throw error;
    const movedTo = await moveAside(path, new Date(now()));
    const store = new QueueStore(openChecked(path, timeout), now);
    return { store, recovery: { movedTo, reason: error.message } };
  }
}

function openChecked(path: string, timeout: number): DatabaseSync {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { timeout, enableForeignKeyConstraints: true });
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    checkIntegrity(db, path);
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

/** True for a missing or empty file (SQLite starts one) and a file that starts like a database. */
async function hasSqliteHeader(path: string): Promise<boolean> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  try {
    const { bytesRead, buffer } = await file.read(
      Buffer.alloc(SQLITE_MAGIC.length),
      0,
      SQLITE_MAGIC.length,
      0,
    );
    return bytesRead === 0 || buffer.equals(SQLITE_MAGIC);
  } finally {
    await file.close();
  }
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
