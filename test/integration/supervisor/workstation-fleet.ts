import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { vi } from 'vitest';
import type { StatusAnswer } from '../../../preload/api.ts';
import {
  DEFAULT_USER,
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));

/** One agent's workstation: the real `call-courier run` in its own process, data folder and emulator. */
export interface Workstation {
  /** Where it listens: http://127.0.0.1:port */
  readonly address: string;
  /** Its admin token (api-token), for the test to act as that workstation's own user. */
  readonly adminToken: string;
  /** Its read-only monitor token, read from DATA/monitor-token as a supervisor would copy it. */
  readonly monitorToken: string;
  readonly folder: string;
  readonly emulator: EnderTuringEmulator;
  /** Calls its own API with its admin token; answers the status code. */
  call(method: string, path: string): Promise<number>;
  /** Changes its settings through its own API (GET, change, PUT), as its own user would. */
  changeSettings(change: (settings: Record<string, unknown>) => unknown): Promise<void>;
  /** Polls its status (monitor token) until `done` holds. */
  waitForStatus(done: (status: StatusAnswer) => boolean): Promise<StatusAnswer>;
  /** Stops the process (SIGTERM) and waits for it to end; the address then refuses connections. */
  halt(): Promise<void>;
  /** Stops it if still running and removes its folders. */
  stop(): Promise<void>;
}

/**
 * Starts `node main/cli.ts run --listen 127.0.0.1:0` with a config that sends its recordings
 * folder to an Ender Turing emulator (the password in the environment; a wrong one if given),
 * and waits until it prints that it is running.
 */
export async function startWorkstation(
  name: string,
  options: { readonly profileLabel?: string; readonly password?: string } = {},
): Promise<Workstation> {
  const root = await mkdtemp(join(tmpdir(), `call-courier-ws-${name}-`));
  const folder = join(root, 'recordings');
  const dataDir = join(root, 'data');
  await mkdir(folder, { recursive: true });
  await mkdir(dataDir, { recursive: true });
  const emulator = await startEnderTuringEmulator();
  const config = join(root, 'settings.json');
  await writeFile(
    config,
    JSON.stringify({
      watch: [{ path: folder, destinations: ['et'] }],
      profiles: [
        {
          id: 'et',
          connector: 'enderturing',
          label: options.profileLabel ?? 'Ender Turing',
          options: { baseUrl: emulator.url, username: DEFAULT_USER.username },
        },
      ],
      upload: { stableForSeconds: 1 },
    }),
  );
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--config', config, '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CALL_COURIER_ET_PASSWORD: options.password ?? DEFAULT_USER.password },
    },
  );
  const cleanUp = async () => {
    await halt(child);
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  };
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  try {
    await vi.waitFor(
      () => {
        if (child.exitCode !== null) throw new Error('exited');
        if (!stdout.includes('monitor token')) throw new Error('not yet');
      },
      { timeout: 40_000, interval: 50 },
    );
  } catch {
    await cleanUp();
    throw new Error(`call-courier run (${name}) did not start:\n${stdout}${stderr}`);
  }
  const match = /UI and API: (http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(stdout);
  if (!match?.[1] || !match[2]) {
    await cleanUp();
    throw new Error(`call-courier run (${name}) printed no address:\n${stdout}`);
  }
  const address = match[1];
  const adminToken = match[2];
  const monitorToken = (await readFile(join(dataDir, 'monitor-token'), 'utf8')).trim();
  const get = async (token: string, method: string, path: string, json?: unknown) => {
    const answer = await request(`${address}${path}`, {
      method: method as 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(json !== undefined && { 'content-type': 'application/json' }),
      },
      ...(json !== undefined && { body: JSON.stringify(json) }),
    });
    return { status: answer.statusCode, text: await answer.body.text() };
  };
  return {
    address,
    adminToken,
    monitorToken,
    folder,
    emulator,
    call: async (method, path) => (await get(adminToken, method, path)).status,
    changeSettings: async (change) => {
      const current = JSON.parse((await get(adminToken, 'GET', '/api/v1/settings')).text);
      const put = await get(adminToken, 'PUT', '/api/v1/settings', change(current));
      if (put.status !== 200) throw new Error(`the settings were refused: ${put.text}`);
    },
    waitForStatus: async (done) => {
      let last: StatusAnswer | undefined;
      await vi.waitFor(
        async () => {
          last = JSON.parse(
            (await get(monitorToken, 'GET', '/api/v1/status')).text,
          ) as StatusAnswer;
          if (!done(last)) throw new Error(`not yet: ${JSON.stringify(last.counts)}`);
        },
        { timeout: 20_000, interval: 100 },
      );
      return last as StatusAnswer;
    },
    halt: () => halt(child),
    stop: cleanUp,
  };
}

/** Writes a one-second stereo recording, named as the default preset reads it, into the watched folder. */
export function writeRecording(workstation: Workstation, minute: number): Promise<string> {
  const name = `20240131_21${String(minute).padStart(2, '0')}_Agent0${minute}_10${minute}_IN_0.wav`;
  // Each a different length: the same audio twice would be skipped as a copy.
  return writeWav(join(workstation.folder, name), { channels: 2, seconds: 1 + minute / 10 });
}

async function halt(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
