import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { vi } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import type { StatusAnswer } from '../../../preload/api.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { rigConfig, type RigConfig } from '../delivery/service-fixture.ts';

/** An answer of the local API as a test sees it. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The body as JSON (fails the test when it is not). */
  readonly json: () => unknown;
}

/** How a request differs from a plain authorised one. */
export interface ApiCall {
  /** The bearer token; null sends none; the service's own by default. */
  readonly token?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON with Content-Type: application/json. */
  readonly json?: unknown;
  /** Sent as it is (give the Content-Type in headers). */
  readonly body?: string;
}

/** `call-courier run` in this process (startHeadless), with a config file, an emulator and an HTTP client. */
export interface HttpRig {
  readonly root: string;
  readonly folder: string;
  readonly dataDir: string;
  readonly configPath: string;
  readonly emulator: EnderTuringEmulator;
  readonly secrets: MemorySecretStore;
  /** The service running now (a new one after `restart`). */
  readonly running: RunningService;
  /** Every body the API answered so far, for checks that no secret leaks. */
  readonly answers: readonly string[];
  call(method: string, path: string, options?: ApiCall): Promise<ApiAnswer>;
  /** Polls GET /api/v1/status until `done` holds. */
  waitForStatus(done: (status: StatusAnswer) => boolean): Promise<StatusAnswer>;
  /** Opens GET /api/v1/events with the token in the Authorization header, as the window does. */
  openEvents(): Promise<EventClient>;
  /** Stops the service and starts it again on the same data folder and config file. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A connected event-stream client. */
export interface EventClient {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The data of every event of this type received so far. */
  events(type: string): unknown[];
  close(): void;
}

/** Starts an emulator and `startHeadless` on 127.0.0.1, any free port, for one test. */
export async function startHttpRig(
  name: string,
  options: { password?: string; configure?: (base: RigConfig) => RigConfig } = {},
): Promise<HttpRig> {
  const root = await tempDirForSuite(`call-courier-api-${name}-`);
  const folder = join(root, 'recordings');
  const dataDir = join(root, 'data');
  const configPath = join(root, 'office.json');
  await mkdir(folder, { recursive: true });
  const emulator = await startEnderTuringEmulator();
  const base = rigConfig(folder, emulator.url);
  await writeFile(configPath, JSON.stringify(options.configure?.(base) ?? base, null, 2));
  const secrets = new MemorySecretStore({
    'et/password': options.password ?? DEFAULT_USER.password,
  });
  const start = async (): Promise<RunningService> => {
    const started = await startHeadless({
      config: configPath,
      dataDir,
      listen: { host: '127.0.0.1', port: 0 },
      secrets,
    });
    if ('errors' in started) throw new Error(started.errors);
    return started;
  };
  let running = await start();
  const answers: string[] = [];
  const call = async (method: string, path: string, o: ApiCall = {}): Promise<ApiAnswer> => {
    const token = o.token === undefined ? running.token : o.token;
    const headers: Record<string, string> = {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(o.json !== undefined && { 'content-type': 'application/json' }),
      ...o.headers,
    };
    const body = o.json !== undefined ? JSON.stringify(o.json) : o.body;
    const answer = await request(`${running.url}${path}`, { method, headers, body });
    const text = await answer.body.text();
    answers.push(text);
    return {
      status: answer.statusCode,
      headers: answer.headers,
      text,
      json: () => JSON.parse(text),
    };
  };
  return {
    root,
    folder,
    dataDir,
    configPath,
    emulator,
    secrets,
    get running() {
      return running;
    },
    answers,
    call,
    waitForStatus: async (done) => {
      let last: StatusAnswer | undefined;
      await vi.waitFor(
        async () => {
          last = (await call('GET', '/api/v1/status')).json() as StatusAnswer;
          if (!done(last)) throw new Error(`still waiting; last status: ${JSON.stringify(last)}`);
        },
        { timeout: 15_000, interval: 100 },
      );
      return last as StatusAnswer;
    },
    openEvents: () => openEvents(`${running.url}/api/v1/events`, running.token),
    restart: async () => {
      await running.stop();
      running = await start();
    },
    stop: async () => {
      await running.stop();
      await emulator.close();
    },
  };
}

function openEvents(url: string, token: string): Promise<EventClient> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', () => {});
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: (type) =>
          text
            .split('\n\n')
            .filter((block) => block.startsWith(`event: ${type}\n`))
            .map((block) => JSON.parse(block.slice(block.indexOf('data: ') + 6))),
        close: () => req.destroy(),
      });
    });
    req.end();
  });
}
