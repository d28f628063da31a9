import { spawn } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));

/**
 * Runs `call-courier run` until it says it is running, calls `meanwhile` with what it printed,
 * stops it with SIGTERM, and answers all it printed.
 */
async function runUntilStarted(
  dataDir: string,
  listen: string,
  meanwhile: (stdout: string) => Promise<void> = async () => {},
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [CLI, 'run', '--data-dir', dataDir, '--listen', listen], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 15_000;
  while (!stdout.includes('monitor token')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`call-courier run did not start: ${stdout}${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    await meanwhile(stdout);
  } finally {
    child.kill('SIGTERM');
  }
  const code = await exited;
  return { stdout, stderr, code };
}

describe('`call-courier run` and who can reach it', () => {
  it('listening on this machine only, names the monitor token file and warns of nothing', async () => {
    const dataDir = join(await tempDirForSuite('call-courier-run-local-'), 'data');
    const run = await runUntilStarted(dataDir, '127.0.0.1:0');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/UI and API: http:\/\/127\.0\.0\.1:\d+\/#token=/);
    expect(run.stdout).toContain(
      `Read-only monitor token (Prometheus, supervisors): ${join(dataDir, 'monitor-token')}\n`,
    );
    expect(run.stderr).not.toContain('WARNING');
    if (process.platform !== 'win32') {
      expect((await stat(join(dataDir, 'monitor-token'))).mode & 0o777).toBe(0o600);
    }
  });

  it('listening on every interface, warns loudly that the API is reachable from the network', async () => {
    const dataDir = join(await tempDirForSuite('call-courier-run-lan-'), 'data');
    const run = await runUntilStarted(dataDir, '0.0.0.0:0', async (stdout) => {
      // From another computer's point of view: this machine's network address, not loopback.
      const port = /127\.0\.0\.1:(\d+)\//.exec(stdout)?.[1];
      const url = `http://${lanAddress()}:${port}/api/v1/status`;
      expect((await request(url)).statusCode).toBe(401);
      const monitor = (await readFile(join(dataDir, 'monitor-token'), 'utf8')).trim();
      const answer = await request(url, { headers: { authorization: `Bearer ${monitor}` } });
      expect(answer.statusCode).toBe(200);
      await answer.body.dump();
      const pause = await request(url.replace('/status', '/pause'), {
        method: 'POST',
        headers: { authorization: `Bearer ${monitor}` },
      });
      expect(pause.statusCode).toBe(403);
      await pause.body.dump();
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('!!! WARNING: the Call Courier API is reachable from the network');
    expect(run.stderr).toMatch(/It listens on 0\.0\.0\.0:\d+: other computers can reach it/);
    expect(run.stderr).toContain('Traffic is plain HTTP, not encrypted');
    expect(run.stderr).toContain('the local API is reachable from the network on 0.0.0.0');
  });
});

/** An IPv4 address of this machine other than loopback, or 127.0.0.1 when it has none. */
function lanAddress(): string {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  return addresses.find((a) => a.family === 'IPv4' && !a.internal)?.address ?? '127.0.0.1';
}
