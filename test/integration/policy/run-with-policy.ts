import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));

/** A `call-courier run` that started: its address, admin token, and how to stop it. */
export interface StartedRun {
  readonly url: string;
  readonly token: string;
  stop(): Promise<void>;
}

/** A `call-courier run` that ended by itself (it refused to start). */
export interface EndedRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real `call-courier run` with CALL_COURIER_POLICY_FILE pointing at `policyFile`,
 * until it says it is running (answers where) or exits (answers what it printed).
 */
export async function runWithPolicy(options: {
  readonly policyFile: string;
  readonly config: string;
  readonly dataDir: string;
}): Promise<StartedRun | EndedRun> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      'run',
      '--config',
      options.config,
      '--data-dir',
      options.dataDir,
      '--listen',
      '127.0.0.1:0',
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CALL_COURIER_POLICY_FILE: options.policyFile },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 45_000;
  for (;;) {
    const address = /UI and API: (http:\/\/[^/\s]+)\/#token=([^\s]+)/.exec(stdout);
    if (address?.[1] && address[2] && stdout.includes('monitor token')) {
      return {
        url: address[1],
        token: decodeURIComponent(address[2]),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode !== null) return { code: await exited, stdout, stderr };
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`call-courier run neither started nor ended: ${stdout}${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
