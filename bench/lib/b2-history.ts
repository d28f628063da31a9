import { createHash } from 'node:crypto';
import { mkdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { readName } from '../../main/core/metadata/read-call-metadata.ts';
import { probeRecording } from '../../main/core/recording/probe.ts';
import { migrate } from '../../main/core/store/migrations.ts';
import type { NewRecording } from '../../main/core/store/recording-row.ts';
import { searchTextOf } from '../../main/core/store/sql-rows.ts';
import { distinctWav, enderTuringName } from './recordings.ts';

/** What a history is made of. */
export interface HistoryOptions {
  /** The watch folder: recordings go into one sub-folder per `perFolder` of them (by day, as recorders file them). */
  readonly root: string;
  /** The service's data folder: its queue.sqlite is written here. */
  readonly dataDir: string;
  readonly count: number;
  /** The destination profile id every row belongs to. */
  readonly destination: string;
  /** Recordings per sub-folder (default 1 000). */
  readonly perFolder?: number;
  /** Bytes per recording (default 4 KiB: the size does not matter to a file that is not read). */
  readonly bytes?: number;
  /**
   * A supervisor's mix of states instead of all delivered: about 3% failed (a name problem),
   * 2% skipped by a person, the rest delivered.
   */
  readonly mixed?: boolean;
  /** Whether the recordings are written to disk (the list scenario needs only the rows). */
  readonly writeFiles?: boolean;
}

/** A history built by `buildHistory`. */
export interface History {
  readonly paths: readonly string[];
  /** How many rows are in each state. */
  readonly delivered: number;
  readonly failed: number;
  readonly skipped: number;
}

/**
 * Writes `count` recordings and a queue.sqlite in which each was already delivered (or, when
 * mixed, failed or skipped), as the service would have left it, with the size and time the
 * files have on disk, so that a starting service finds every file unchanged. The rows are
 * written with SQL in one transaction (the store's own enqueue → claim → markUploaded takes a
 * minute for 100 000 rows, and this is set-up, not what is measured): the same columns and
 * history entries as `insertRow` and `patchRow` (main/core/store/row-writes.ts) write.
 */
export async function buildHistory(options: HistoryOptions): Promise<History> {
  const { root, dataDir, count, destination } = options;
  const perFolder = options.perFolder ?? 1000;
  if (options.writeFiles ?? true) {
    for (let folder = 0; folder * perFolder < options.count; folder += 1) {
      await mkdir(join(options.root, folderName(folder)), { recursive: true });
    }
  }
  const writeFiles = options.writeFiles ?? true;
  await mkdir(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, 'queue.sqlite'), { enableForeignKeyConstraints: true });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = OFF');
  migrate(db);
  const rows = new RowWriter(db, destination);
  const template = distinctWav(options.bytes ?? 4096, 0);
  const audio = await audioOf(root, template);
  const paths: string[] = [];
  const tally = { delivered: 0, failed: 0, skipped: 0 };
  // Recorded yesterday: long finished, whatever the stability window.
  const mtime = Date.now() - 86_400_000;
  // Row times a second apart, ending now: the list shows the newest change first.
  const firstAt = Date.now() - count * 1000;
  db.exec('BEGIN');
  try {
    for (let first = 0; first < count; first += WRITE_BATCH) {
      const batch = Array.from({ length: Math.min(WRITE_BATCH, count - first) }, (_, i) => {
        const index = first + i;
        const folder = join(root, folderName(Math.floor(index / perFolder)));
        const content = Buffer.from(template);
        content.writeUInt32LE(index, 44);
        return { index, folder, path: join(folder, enderTuringName(index)), content };
      });
      const mtimes = writeFiles
        ? await Promise.all(
            batch.map((file) => writeRecording(file.path, file.content, new Date(mtime))),
          )
        : batch.map(() => mtime);
      for (const [i, { index, path, content }] of batch.entries()) {
        const recording: NewRecording = {
          path,
          fileName: basename(path),
          sizeBytes: content.length,
          mtimeMs: mtimes[i] ?? 0,
          sha256: createHash('sha256').update(content).digest('hex'),
          metadata: metadataOf(basename(path)),
          audio,
        };
        paths.push(path);
        const fate = options.mixed ? index % 100 : 99;
        const at = firstAt + index * 1000;
        if (fate < 3) {
          rows.failed(recording, at, 'the name cannot be read');
          tally.failed += 1;
        } else if (fate < 5) {
          rows.skipped(recording, at, 'skipped by a person');
          tally.skipped += 1;
        } else {
          rows.delivered(recording, at, `remote-${index}`);
          tally.delivered += 1;
        }
      }
    }
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    if (db.isTransaction) db.exec('ROLLBACK');
    db.close();
  }
  return { paths, ...tally };
}

/** Writes rows and their history the way the store does, with statements prepared once. */
class RowWriter {
  readonly #destination: string;
  readonly #insert: StatementSync;
  readonly #event: StatementSync;
  readonly #deliver: StatementSync;

  constructor(db: DatabaseSync, destination: string) {
    this.#destination = destination;
    this.#insert = db.prepare(
      `INSERT INTO recordings (path, file_name, destination, size_bytes, mtime_ms, sha256,
         metadata, audio, search_text, status, error, error_code, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#event = db.prepare(
      'INSERT INTO recording_events (recording_id, at, from_status, to_status, message) VALUES (?, ?, ?, ?, ?)',
    );
    this.#deliver = db.prepare(
      `UPDATE recordings SET status = 'uploaded', updated_at = ?, attempts = 1, remote_id = ?,
         uploaded_at = ? WHERE id = ?`,
    );
  }

  /** Found, sent once, confirmed: queued → uploading → uploaded. */
  delivered(recording: NewRecording, at: number, remoteId: string): void {
    const id = this.#create(recording, 'queued', null, at - 900);
    this.#log(id, null, 'queued', 'found and queued', at - 900);
    this.#log(id, 'queued', 'uploading', 'upload attempt 1', at - 800);
    this.#deliver.run(at, remoteId, at, id);
    this.#log(id, 'uploading', 'uploaded', 'delivered', at);
  }

  /** Found with a problem that stops it: failed at once. */
  failed(recording: NewRecording, at: number, message: string): void {
    const id = this.#create(recording, 'failed', { message, code: 'name' }, at);
    this.#log(id, null, 'failed', message, at);
  }

  /** Found, then skipped by a person. */
  skipped(recording: NewRecording, at: number, message: string): void {
    const id = this.#create(recording, 'skipped', { message, code: null }, at);
    this.#log(id, null, 'queued', 'found and queued', at - 500);
    this.#log(id, 'queued', 'skipped', message, at);
  }

  #create(
    recording: NewRecording,
    status: string,
    error: { message: string; code: string | null } | null,
    at: number,
  ): number {
    const { lastInsertRowid } = this.#insert.run(
      recording.path,
      recording.fileName,
      this.#destination,
      recording.sizeBytes,
      recording.mtimeMs,
      recording.sha256,
      JSON.stringify(recording.metadata),
      recording.audio === null ? null : JSON.stringify(recording.audio),
      searchTextOf(recording.fileName, recording.path, recording.metadata),
      status,
      error?.message ?? null,
      error?.code ?? null,
      at,
      at,
    );
    return Number(lastInsertRowid);
  }

  #log(id: number, from: string | null, to: string, message: string, at: number): void {
    this.#event.run(id, at, from, to, message);
  }
}

/** Files written at the same time while the history is built. */
const WRITE_BATCH = 64;

function folderName(index: number): string {
  return `day-${String(index).padStart(4, '0')}`;
}

/** Writes a recording dated `mtime`, and answers its modification time as the file system keeps it. */
async function writeRecording(path: string, content: Buffer, mtime: Date): Promise<number> {
  await writeFile(path, content);
  await utimes(path, mtime, mtime);
  return (await stat(path)).mtimeMs;
}

function metadataOf(fileName: string): NewRecording['metadata'] {
  const reading = readName(fileName, { preset: 'enderturing' });
  if (!reading.ok) throw new Error(`${fileName} is not an Ender Turing name`);
  return reading.metadata;
}

/** What the probe reads from one such recording: every recording of the history has it. */
async function audioOf(root: string, template: Buffer): Promise<NewRecording['audio']> {
  await mkdir(root, { recursive: true });
  const sample = join(root, '.probe-sample.wav');
  await writeFile(sample, template);
  const probe = await probeRecording(sample);
  await rm(sample);
  return probe.audio ?? null;
}
