import type { DatabaseSync } from 'node:sqlite';
import { crashPoint } from '../crash-point.ts';
import { inTransaction } from './sql-transaction.ts';

/** One step of the schema's history. Never edit a released step: add a new one. */
export interface Migration {
  /** The `PRAGMA user_version` the database has after this step. */
  readonly version: number;
  readonly description: string;
  readonly up: (db: DatabaseSync) => void;
}

/** The schema's history, oldest first; versions count up from 1 without gaps. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'recordings per destination, their history, and service state',
    up: (db) =>
      db.exec(`
        CREATE TABLE recordings (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          path TEXT NOT NULL,
          file_name TEXT NOT NULL,
          destination TEXT NOT NULL,
          size_bytes INTEGER NOT NULL,
          mtime_ms REAL NOT NULL,
          sha256 TEXT NOT NULL,
          metadata TEXT NOT NULL,
          audio TEXT,
          search_text TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN
            ('queued', 'uploading', 'retrying', 'uploaded', 'processed', 'failed', 'skipped')),
          attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at INTEGER,
          error TEXT,
          error_code TEXT,
          remote_id TEXT,
          remote_url TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL,
          uploaded_at INTEGER,
          after_upload_done_at INTEGER
        );
        CREATE UNIQUE INDEX recordings_content_at_destination
          ON recordings (path, destination, sha256);
        CREATE INDEX recordings_by_status ON recordings (status, destination, id);
        CREATE INDEX recordings_by_content ON recordings (sha256, destination);
        CREATE INDEX recordings_by_update ON recordings (updated_at DESC, id DESC);

        CREATE TABLE recording_events (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          recording_id INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          at INTEGER NOT NULL,
          from_status TEXT,
          to_status TEXT NOT NULL,
          message TEXT NOT NULL
        );
        CREATE INDEX recording_events_by_recording ON recording_events (recording_id, id);

        CREATE TABLE service_state (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        );
      `),
  },
  {
    version: 2,
    description:
      'warnings that do not stop delivery, kept with each row (a JSON array of sentences)',
    up: (db) => db.exec(`ALTER TABLE recordings ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'`),
  },
  {
    version: 3,
    description:
      'what keeps the list fast at 100 000 rows: one state newest first, text search read from an index alone, and a trigram index of the search text for rare words',
    up: (db) =>
      db.exec(`
        CREATE INDEX recordings_by_status_update ON recordings (status, updated_at DESC, id DESC);
        CREATE INDEX recordings_search
          ON recordings (updated_at DESC, id DESC, status, destination, search_text);
        CREATE VIRTUAL TABLE recordings_text USING fts5(
          search_text, content='recordings', content_rowid='id', tokenize='trigram', detail='none'
        );
        CREATE TRIGGER recordings_text_insert AFTER INSERT ON recordings BEGIN
          INSERT INTO recordings_text (rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER recordings_text_delete AFTER DELETE ON recordings BEGIN
          INSERT INTO recordings_text (recordings_text, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER recordings_text_update AFTER UPDATE OF search_text ON recordings BEGIN
          INSERT INTO recordings_text (recordings_text, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
          INSERT INTO recordings_text (rowid, search_text) VALUES (new.id, new.search_text);
        END;
        INSERT INTO recordings_text (recordings_text) VALUES ('rebuild');
      `),
  },
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The database's schema version (0 for a new file). */
export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get();
  return Number(row?.['user_version'] ?? 0);
}

/** Brings the schema up to SCHEMA_VERSION, one committed step at a time. */
export function migrate(db: DatabaseSync): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new Error(`schema version ${current} is newer than ${SCHEMA_VERSION}`);
  }
  for (const step of MIGRATIONS.slice(current)) {
    inTransaction(db, () => {
      step.up(db);
      db.exec(`PRAGMA user_version = ${step.version}`);
      crashPoint('migration');
    });
  }
}
