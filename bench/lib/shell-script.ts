import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';

/** A baseline script running in bash, in a process group of its own. */
export interface ScriptProcess {
  readonly pid: number;
  /** performance.now() just before the script was spawned. */
  readonly spawnedAt: number;
  /** Resolves with the exit code (null when a signal ended it). */
  readonly exited: Promise<number | null>;
  /** What the script printed (stdout and stderr), from its log file. */
  output(): Promise<string>;
  /** Ends the script and everything it started (its process group), and waits for it. */
  stop(): Promise<void>;
}

/** Starts `bash -c script` with `env` added; its output goes to `logFile`. */
export async function startScript(
  script: string,
  options: { readonly env?: NodeJS.ProcessEnv; readonly logFile: string; readonly cwd?: string },
): Promise<ScriptProcess> {
  const log = await open(options.logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log.fd, log.fd],
    detached: true,
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  await log.close();
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start bash');
  let done = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      done = true;
      resolve(code);
    });
  });
  return {
    pid,
    spawnedAt,
    exited,
    output: () => readFile(options.logFile, 'utf8').catch(() => ''),
    async stop() {
      if (!done) {
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          // Already gone.
        }
      }
      await exited;
    },
  };
}

/** Runs a script to its end; rejects with its output when it fails. */
export async function runScript(
  script: string,
  options: { readonly env?: NodeJS.ProcessEnv; readonly logFile: string; readonly cwd?: string },
): Promise<{ readonly ms: number; readonly output: string }> {
  const running = await startScript(script, options);
  const code = await running.exited;
  const ms = performance.now() - running.spawnedAt;
  const output = await running.output();
  if (code !== 0) throw new Error(`the baseline script failed (${String(code)}):\n${output}`);
  return { ms, output };
}
