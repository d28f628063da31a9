import { spawn } from 'node:child_process';
import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatusAnswer } from '../../preload/api.ts';
import { freePort } from './free-port.ts';

export type { StatusAnswer } from '../../preload/api.ts';

/** The `call-courier` command, run by the same Node as the bench. */
export const CLI = fileURLToPath(new URL('../../main/cli.ts', import.meta.url));

/** `call-courier run` in a child process of its own, as an office runs it. */
export interface ServiceProcess {
  readonly pid: number;
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** The local API's access token (read from dataDir/api-token). */
  readonly token: string;
  readonly dataDir: string;
  /** performance.now() just before the process was spawned: "from process start". */
  readonly spawnedAt: number;
  /** Where the service's stdout and stderr go (a file beside the data folder). */
  readonly logFile: string;
  /** GET /api/v1/status. */
  status(): Promise<StatusAnswer>;
  /** Polls the status until `done` says so; rejects after timeoutMs, or when the process exits. */
  waitFor(done: (s: StatusAnswer) => boolean, timeoutMs: number): Promise<StatusAnswer>;
  /** Any local API call with the token; answers the parsed JSON (or the text of /metrics). */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>;
  /** SIGTERM and wait for the exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** How to start the service. */
export interface ServiceProcessOptions {
  /** The settings, written to `<dataDir's parent>/<basename>-config.json`. */
  readonly config: unknown;
  readonly dataDir: string;
  /** Added to the bench's own environment, e.g. CALL_COURIER_ET_PASSWORD for secrets. */
  readonly env?: NodeJS.ProcessEnv;
  /** How long to wait for the API to answer (default 30 s). */
  readonly readyTimeoutMs?: number;
}

/** Spawns `node main/cli.ts run --config … --data-dir … --listen 127.0.0.1:<free port>` and waits for its API. */
export async function startServiceProcess(options: ServiceProcessOptions): Promise<ServiceProcess> {
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true });
  const base = dataDir.replace(/[\\/]+$/, '');
  const configFile = `${base}-config.json`;
  const logFile = `${base}-service.log`;
  await mkdir(dirname(configFile), { recursive: true });
  await writeFile(configFile, JSON.stringify(options.config, null, 2));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log = await open(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--config', configFile, '--data-dir', dataDir, '--listen', `127.0.0.1:${port}`],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', log.fd, log.fd] },
  );
  await log.close();
  let exitCode: number | string | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal ?? 'unknown';
      resolve();
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${CLI}`);

  const failure = async (why: string) =>
    new Error(`call-courier run ${why}; its output:\n${await tail(logFile)}`);
  let token = '';
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const answer = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${path} answered ${answer.status}: ${text}`);
    return path === '/metrics' ? text : (JSON.parse(text) as unknown);
  };
  const status = async () => (await call('GET', '/api/v1/status')) as StatusAnswer;

  const readyBy = performance.now() + (options.readyTimeoutMs ?? 30_000);
  for (;;) {
    if (exitCode !== null) throw await failure(`exited (${String(exitCode)}) before it was ready`);
    if (performance.now() > readyBy) {
      child.kill('SIGKILL');
      throw await failure('did not answer within the time allowed');
    }
    token ||= (await readFile(join(dataDir, 'api-token'), 'utf8').catch(() => '')).trim();
    if (
      token &&
      (await status().then(
        () => true,
        () => false,
      ))
    )
      break;
    await pause(25);
  }

  return {
    pid,
    url,
    token,
    dataDir,
    spawnedAt,
    logFile,
    status,
    call,
    async waitFor(done, timeoutMs) {
      const until = performance.now() + timeoutMs;
      for (;;) {
        if (exitCode !== null) throw await failure(`exited (${String(exitCode)})`);
        const now = await status();
        if (done(now)) return now;
        if (performance.now() > until) {
          throw new Error(`timed out after ${timeoutMs} ms; last status ${JSON.stringify(now)}`);
        }
        await pause(100);
      }
    },
    async stop() {
      if (exitCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(-30).join('\n');
}
