import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `call-courier` command's entry file. */
export const CLI = fileURLToPath(new URL('../../../main/cli.ts', import.meta.url));
/** The script that uses the keychain store in a child process and prints JSON. */
export const CLIENT = fileURLToPath(new URL('./keychain-client.ts', import.meta.url));

/** What a shell run printed and how it ended. */
export interface ShellRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * An environment with no desktop: no D-Bus session, no display, and a fresh home so no
 * keyring of the user running the tests is touched. `NODE`, `CLI` and `CLIENT` are set for scripts.
 */
export function bareEnvironment(
  home: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    NODE: process.execPath,
    CLI,
    CLIENT,
    ...extra,
  };
}

/** A new empty home folder inside `parent`. */
export function freshHome(parent: string): Promise<string> {
  return mkdtemp(join(parent, 'home-'));
}

/** Runs a shell script with the given environment and no inherited D-Bus session. */
export function runShell(script: string, env: Record<string, string>): Promise<ShellRun> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', script],
      { env, encoding: 'utf8', timeout: 30_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/**
 * Runs a shell script inside a private D-Bus session where gnome-keyring's secret service is
 * started and its login keyring unlocked with a throw-away password, as a desktop session does.
 */
export function runInUnlockedKeyring(
  script: string,
  env: Record<string, string>,
): Promise<ShellRun> {
  const session = [
    'set -e',
    'eval "$(printf \'%s\\n\' "$KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets)"',
    'export GNOME_KEYRING_CONTROL',
    script,
  ].join('\n');
  return runShell('exec dbus-run-session -- sh -c "$SESSION_SCRIPT"', {
    ...env,
    KEYRING_PASSWORD: 'throw-away keyring password',
    SESSION_SCRIPT: session,
  });
}

/** The JSON lines a script printed, parsed. */
export function jsonLines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as unknown);
}
