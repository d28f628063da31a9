import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));

/** A `call-courier run` child process and what it printed. */
export interface CourierProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves once the process has ended: its exit code, or the signal that ended it. */
  ended(): Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await Promise.all([...running].map((child) => endOf(child)));
});

/** Counts the child starts of this test file, for the figures. */
export const starts = { count: 0 };

/**
 * Starts `call-courier run --config … --data-dir … --listen 127.0.0.1:0`, with the Ender
 * Turing password in the environment and CALL_COURIER_CRASH_AT set when `crashAt` is given.
 */
export function runCourier(config: string, dataDir: string, crashAt?: string): CourierProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CALL_COURIER_ET_PASSWORD: DEFAULT_USER.password,
  };
  delete env.CALL_COURIER_CRASH_AT;
  if (crashAt !== undefined) env.CALL_COURIER_CRASH_AT = crashAt;
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--config', config, '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  starts.count += 1;
  running.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const ended = endOf(child).finally(() => running.delete(child));
  return { child, output: () => output, ended: () => ended };
}

function endOf(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Waits until `check` holds, polling; throws with `what` (and the output) after the deadline. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  courier?: CourierProcess,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    const gone = courier && (courier.child.exitCode !== null || courier.child.signalCode !== null);
    if (gone || Date.now() > deadline) {
      throw new Error(
        `${gone ? 'the service ended' : 'timed out'} waiting for ${what}\n${courier?.output() ?? ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Waits for the process to be killed by its crash hook; fails if it ends any other way. */
export async function crashed(courier: CourierProcess, point: string): Promise<void> {
  const timeout = new Promise<'timeout'>((resolve) => {
    setTimeout(() => resolve('timeout'), 30_000).unref();
  });
  const end = await Promise.race([courier.ended(), timeout]);
  if (end === 'timeout' || end.signal !== 'SIGKILL') {
    courier.child.kill('SIGKILL');
    throw new Error(
      `the service was to be killed at ${point} but ${end === 'timeout' ? 'did not get there' : `ended with ${JSON.stringify(end)}`}\n${courier.output()}`,
    );
  }
}

/** Stops the service with SIGTERM (as Ctrl-C), once it listens for it; resolves to its exit code. */
export async function stopCourier(courier: CourierProcess): Promise<number | null> {
  // Before it says it is running, SIGTERM ends the process as a kill would.
  await until(
    'the service to say it is running',
    () => courier.output().includes('Call Courier is running'),
    courier,
  );
  courier.child.kill('SIGTERM');
  return (await courier.ended()).code;
}

/** Writes a config delivering `folder` to the emulator's profile `et`, one upload at a time. */
export async function writeConfig(
  path: string,
  folder: string,
  baseUrl: string,
  afterUpload: Readonly<Record<string, unknown>> = { action: 'keep' },
): Promise<string> {
  await writeFile(
    path,
    JSON.stringify({
      watch: [{ path: folder, destinations: ['et'] }],
      profiles: [
        {
          id: 'et',
          connector: 'enderturing',
          options: { baseUrl, username: DEFAULT_USER.username },
        },
      ],
      upload: { concurrency: 1, stableForSeconds: 1, afterUpload },
    }),
  );
  return path;
}

/** A recording named like an Ender Turing file, `seconds` long (which makes its content unique). */
export async function writeRecording(
  folder: string,
  n: number,
  seconds: number,
): Promise<{ readonly name: string; readonly path: string; readonly sha256: string }> {
  const name = `20240401_${String(1000 + n)}_Agent${String(100 + n)}_5550${String(100 + n)}_IN_0.wav`;
  const path = await writeWav(join(folder, name), { channels: 2, seconds });
  return { name, path, sha256: await sha256Of(path) };
}

/** The hex SHA-256 of a file. */
export async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** A queue row as the tests look at it. */
export interface QueueRowFacts {
  readonly id: number;
  readonly fileName: string;
  readonly status: string;
  readonly errorCode: string | null;
  readonly afterUploadDoneAt: number | null;
}

/** What the queue database holds, read through a read-only connection. */
export interface QueueFacts {
  /** The answer of PRAGMA integrity_check, joined. */
  readonly integrity: string;
  readonly userVersion: number;
  readonly rows: readonly QueueRowFacts[];
}

/** Opens queue.sqlite read-only and reads its integrity, schema version and rows. */
export function readQueue(dataDir: string): QueueFacts {
  const db = new DatabaseSync(join(dataDir, 'queue.sqlite'), { readOnly: true });
  try {
    const integrity = db
      .prepare('PRAGMA integrity_check')
      .all()
      .map((r) => String(Object.values(r)[0]))
      .join('; ');
    const userVersion = Number(db.prepare('PRAGMA user_version').get()?.['user_version']);
    const rows = db
      .prepare(
        'SELECT id, file_name, status, error_code, after_upload_done_at FROM recordings ORDER BY id',
      )
      .all()
      .map((r) => ({
        id: Number(r['id']),
        fileName: String(r['file_name']),
        status: String(r['status']),
        errorCode: r['error_code'] === null ? null : String(r['error_code']),
        afterUploadDoneAt:
          r['after_upload_done_at'] === null ? null : Number(r['after_upload_done_at']),
      }));
    return { integrity, userVersion, rows };
  } finally {
    db.close();
  }
}

/** The last line of a recording's history in the queue (read-only). */
export function lastEvent(dataDir: string, fileName: string): string | undefined {
  const db = new DatabaseSync(join(dataDir, 'queue.sqlite'), { readOnly: true });
  try {
    const row = db
      .prepare(
        `SELECT e.message FROM recording_events e JOIN recordings r ON r.id = e.recording_id
           WHERE r.file_name = ? ORDER BY e.id DESC LIMIT 1`,
      )
      .get(fileName);
    return row === undefined ? undefined : String(row['message']);
  } finally {
    db.close();
  }
}

/** The queue's rows, or none while the service has not created the database yet (for polling). */
export function rowsNow(dataDir: string): readonly QueueRowFacts[] {
  try {
    return readQueue(dataDir).rows;
  } catch {
    return [];
  }
}

/** The names in a folder (hidden ones too), sorted. */
export async function namesIn(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [])).sort();
}
