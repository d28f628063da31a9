import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { CourierService } from '../../../main/core/service.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { validSettings } from './service-fixture.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));
const root = await tempDirForSuite('call-courier-lock-');
let dirs = 0;
const children: ChildProcess[] = [];
const services: CourierService[] = [];

afterEach(async () => {
  for (const service of services.splice(0)) await service.stop().catch(() => undefined);
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
  }
});

async function dataDir(): Promise<string> {
  const dir = join(root, `data-${(dirs += 1)}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Starts a service in this process on the data folder (no folders, no profiles). */
async function startService(dir: string): Promise<CourierService> {
  const service = await CourierService.start({
    dataDir: dir,
    settings: validSettings({}),
    rawSettings: {},
    secrets: new MemorySecretStore(),
    log: silentLogger,
  });
  services.push(service);
  return service;
}

async function stopService(service: CourierService): Promise<void> {
  services.splice(services.indexOf(service), 1);
  await service.stop();
}

/** `call-courier run` in a child process, with what it printed so far. */
function runChild(dir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--data-dir', dir, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output };
}

/** Starts `call-courier run` and waits until it says it is running. */
async function runningChild(dir: string): Promise<ChildProcess> {
  const { child, output } = runChild(dir);
  const deadline = Date.now() + 15_000;
  while (!output().includes('Call Courier is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`call-courier run did not start: ${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const lockFile = (dir: string) => join(dir, 'instance.lock');
const lockHolder = (dir: string) => readFile(lockFile(dir), 'utf8').catch(() => null);
const refusal = (pid: number | undefined, dir: string) =>
  `another Call Courier (process ${pid}) is already running with the data folder ${dir}: ` +
  'stop it first, or give this one its own --data-dir';

describe('one Call Courier per data folder', () => {
  it('refuses a second service in the same process, and lets a new one start once the first stopped', async () => {
    const dir = await dataDir();
    const first = await startService(dir);
    await expect(startService(dir)).rejects.toThrow(refusal(process.pid, dir));
    // The refused one did not take the lock away from the first.
    expect(await lockHolder(dir)).toBe(String(process.pid));
    expect((await first.status()).state).toBe('running');

    await stopService(first);
    expect(await lockHolder(dir)).toBeNull();
    const second = await startService(dir);
    expect((await second.status()).state).toBe('running');
  });

  it('refuses a second `call-courier run` on the same data folder, naming the one running', async () => {
    const dir = await dataDir();
    const first = await runningChild(dir);
    const second = runChild(dir);
    expect(await exited(second.child)).toBe(2);
    expect(second.output()).toContain(`call-courier run: ${refusal(first.pid, dir)}`);
    await expect(startService(dir)).rejects.toThrow(refusal(first.pid, dir));

    // Stopped with Ctrl-C / SIGTERM, it gives the folder up.
    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect(await lockHolder(dir)).toBeNull();
    await startService(dir);
    expect(await lockHolder(dir)).toBe(String(process.pid));
  });

  it('takes over the lock of a `call-courier run` killed with SIGKILL', async () => {
    const dir = await dataDir();
    const killed = await runningChild(dir);
    killed.kill('SIGKILL');
    await exited(killed);
    // The killed process could not clean up: its lock is still there, naming a process that is gone.
    expect(await lockHolder(dir)).toBe(String(killed.pid));

    const service = await startService(dir);
    expect(await lockHolder(dir)).toBe(String(process.pid));
    await stopService(service);
    expect(await lockHolder(dir)).toBeNull();
  });

  it.each([
    ['an empty lock (a crash between creating and writing it)', ''],
    ['a lock that names no process', 'not a process id\n'],
    // A container restarted with the same process id as before: the old lock names "us".
    ['a lock naming this process id from an earlier life', String(process.pid)],
  ])('takes over %s', async (_case, content) => {
    const dir = await dataDir();
    await writeFile(lockFile(dir), content);
    await startService(dir);
    expect(await lockHolder(dir)).toBe(String(process.pid));
  });
});
