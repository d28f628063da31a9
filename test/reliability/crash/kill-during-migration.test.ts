import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { intakeRecording } from '../../../main/core/intake/intake-recording.ts';
import { validateSettings } from '../../../main/core/settings/load-settings.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../main/core/store/migrations.ts';
import { openQueue } from '../../../main/core/store/open-queue.ts';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  crashed,
  namesIn,
  readQueue,
  rowsNow,
  runCourier,
  starts,
  stopCourier,
  until,
  writeConfig,
  writeRecording,
} from './courier-process.ts';

/** Rows of history added so that the migration's transaction is big enough to reach the WAL. */
const HISTORY_ROWS = 3000;

/** Queue tables copied into the older database, column by column. */
const TABLES = ['recordings', 'recording_events', 'service_state'];

/**
 * Writes `path` at the schema version before this one, from the earlier migrations only, and
 * copies into it the rows of a queue written by this version (the columns both share).
 */
function writeOlderQueue(path: string, from: string): number {
  const version = SCHEMA_VERSION - 1;
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA journal_mode = WAL');
    for (const step of MIGRATIONS.slice(0, version)) step.up(db);
    db.exec(`PRAGMA user_version = ${version}`);
    db.prepare('ATTACH DATABASE ? AS newer').run(from);
    for (const table of TABLES) {
      const columns = db
        .prepare(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((r) => `"${String(r['name'])}"`)
        .join(', ');
      db.exec(`INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM newer.${table}`);
    }
    // Old history: recordings skipped long ago, with long search text for the new text index.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO main.recordings (path, file_name, destination, size_bytes, mtime_ms, sha256,
         metadata, search_text, status, created_at, updated_at)
       SELECT '/old/recording-' || i || '.wav', 'recording-' || i || '.wav', 'et', 1000, 0,
         printf('%064d', i), '{}', 'recording-' || i || ' agent ' || hex(randomblob(40)),
         'skipped', 0, 0 FROM n`,
    ).run(HISTORY_ROWS);
    db.exec('DETACH DATABASE newer');
    return version;
  } finally {
    db.close();
  }
}

describe('call-courier run killed with SIGKILL during a schema migration', async () => {
  const root = await tempDirForSuite('call-courier-kill-migration-');
  const emulator = await startEnderTuringEmulator();
  let kills = 0;
  afterAll(async () => {
    await emulator.close();
    console.info(`kill during migration: ${starts.count} service starts, ${kills} kills, 3 files`);
  });

  it('keeps the older queue whole, then migrates it on the next start: delivered recordings are not sent again, queued ones are sent once', async () => {
    const folder = join(root, 'recordings');
    const dataDir = join(root, 'data');
    await mkdir(dataDir, { recursive: true });
    await mkdir(folder, { recursive: true });
    const config = await writeConfig(join(root, 'office.json'), folder, emulator.url);
    const delivered = await writeRecording(folder, 0, 2);
    const queued = await writeRecording(folder, 1, 2.1);

    // A queue as the previous version left it: one recording delivered, one waiting.
    const settings = validateSettings(JSON.parse(await readFile(config, 'utf8')));
    if (!settings.ok) throw new Error('the test config is valid');
    const newer = join(root, 'newer.sqlite');
    const { store } = await openQueue(newer);
    for (const recording of [delivered, queued]) {
      const facts = await stat(recording.path);
      const file = { path: recording.path, sizeBytes: facts.size, mtimeMs: facts.mtimeMs };
      await intakeRecording(file, settings.settings, store);
    }
    const claimed = store.claimNext(Date.now(), () => true);
    if (claimed?.fileName !== delivered.name) throw new Error('the first recording is claimed');
    store.markUploaded(claimed.id, { remoteId: 'delivered-by-the-previous-version' });
    store.close();
    const older = writeOlderQueue(join(dataDir, 'queue.sqlite'), newer);
    const before = readQueue(dataDir);
    expect(before.rows).toHaveLength(2 + HISTORY_ROWS);

    // Killed inside the migration's transaction, after its work and the new version number.
    await crashed(runCourier(config, dataDir, 'migration'), 'migration');
    kills += 1;
    const afterCrash = readQueue(dataDir);
    expect(afterCrash.integrity).toBe('ok');
    expect(afterCrash.userVersion).toBe(older);
    expect(afterCrash.rows).toEqual(before.rows);

    // Started again without the hook: migrated, and only what was waiting is sent.
    const late = await writeRecording(folder, 2, 2.2);
    const courier = runCourier(config, dataDir);
    await until(
      'the waiting and the new recording to be delivered',
      () =>
        rowsNow(dataDir).filter(
          (r) =>
            r.status === 'uploaded' && (r.fileName === queued.name || r.fileName === late.name),
        ).length === 2,
      courier,
    );
    expect(await stopCourier(courier)).toBe(0);

    const final = readQueue(dataDir);
    expect(final.integrity).toBe('ok');
    expect(final.userVersion).toBe(SCHEMA_VERSION);
    expect(final.rows).toHaveLength(3 + HISTORY_ROWS);
    expect(final.rows.filter((r) => r.status === 'uploaded').map((r) => r.fileName)).toEqual([
      delivered.name,
      queued.name,
      late.name,
    ]);
    expect(emulator.uploads.map((u) => u.sha256).sort()).toEqual(
      [queued.sha256, late.sha256].sort(),
    );
    // The database was migrated in place, not moved aside as damaged.
    expect((await namesIn(dataDir)).filter((n) => n.includes('corrupt'))).toEqual([]);
  }, 60_000);
});
