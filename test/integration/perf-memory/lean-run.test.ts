import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LEAN_MARK, LEAN_NODE_FLAGS } from '../../../main/cli/lean-process.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));

/** What the running service's process was started with, read from /proc while it runs. */
interface Started {
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly answered: number;
  readonly code: number | null;
}

/**
 * Starts `call-courier run`, waits until it says it is running, reads the command line and
 * environment of the process with the id it was spawned as, asks its API for the status,
 * stops it with SIGTERM and answers what it saw.
 */
async function startAndLook(dataDir: string, env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(
    process.execPath,
    [CLI, 'run', '--data-dir', dataDir, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', 'pipe', 'pipe'], env },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!stdout.includes('monitor token')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`call-courier run did not start: ${stdout}${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    const pid = child.pid ?? 0;
    const split = (text: string) => text.split('\0').filter((part) => part !== '');
    const argv = split(await readFile(`/proc/${pid}/cmdline`, 'utf8'));
    const environ = split(await readFile(`/proc/${pid}/environ`, 'utf8'));
    const url = /UI and API: (http:\/\/[^/]+)\/#token=(\S+)/.exec(stdout);
    const answer = await fetch(`${url?.[1]}/api/v1/status`, {
      headers: { authorization: `Bearer ${url?.[2]}` },
    });
    return { argv, env: environ, answered: answer.status, code: await stopped() };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  async function stopped(): Promise<number | null> {
    child.kill('SIGTERM');
    return exited;
  }
}

// process.execve, which runs the service again in place, exists on Linux and macOS; /proc on Linux.
describe.runIf(process.platform === 'linux')('`call-courier run` keeps its memory small', () => {
  it('runs as the process that was started, with lean memory settings, and stops cleanly', async () => {
    const dir = await tempDirForSuite('call-courier-lean-');
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== LEAN_MARK && name !== 'NODE_OPTIONS'),
    );
    const seen = await startAndLook(join(dir, 'data'), env);
    for (const flag of LEAN_NODE_FLAGS) expect(seen.argv).toContain(flag);
    expect(seen.argv).toContain(CLI);
    expect(seen.env).toContain(`${LEAN_MARK}=1`);
    expect(seen.env.some((line) => line.startsWith('NODE_COMPILE_CACHE='))).toBe(true);
    expect(seen.answered).toBe(200);
    expect(seen.code).toBe(0);
  });

  it(`keeps Node's own settings when ${LEAN_MARK} is already set`, async () => {
    const dir = await tempDirForSuite('call-courier-lean-');
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(
        Object.entries(process.env).filter(([name]) => name !== 'NODE_OPTIONS'),
      ),
      [LEAN_MARK]: '1',
    };
    const seen = await startAndLook(join(dir, 'data'), env);
    for (const flag of LEAN_NODE_FLAGS) expect(seen.argv).not.toContain(flag);
    expect(seen.answered).toBe(200);
    expect(seen.code).toBe(0);
  });
});
