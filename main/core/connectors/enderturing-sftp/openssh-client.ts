import { execFile } from 'node:child_process';

/** The oldest OpenSSH whose options the connection relies on (IdentityAgent, `-F none`, ssh -s). */
const OLDEST = { major: 7, minor: 6 } as const;

/** OpenSSH's client found on this computer. */
export interface OpenSshClient {
  /** The command to run: `ssh`, found on the PATH. */
  readonly command: string;
  /** What `ssh -V` printed, e.g. `OpenSSH_9.2p1 Debian-2+deb12u3, OpenSSL 3.0.15`. */
  readonly version: string;
}

let found: Promise<OpenSshClient | null> | undefined;

/**
 * OpenSSH's `ssh` when it is installed and recent enough, else null; asked once per process.
 * Only on Linux and macOS: Windows' OpenSSH names its agent socket differently, and is left
 * to the built-in client until it is tested there.
 */
export function findOpenSsh(): Promise<OpenSshClient | null> {
  found ??= process.platform === 'win32' ? Promise.resolve(null) : askVersion('ssh');
  return found;
}

/** Runs `ssh -V`; answers the client when it is OpenSSH at least OLDEST. */
function askVersion(command: string): Promise<OpenSshClient | null> {
  return new Promise((resolve) => {
    execFile(command, ['-V'], { timeout: 10_000 }, (error, stdout, stderr) => {
      const version = `${stderr}${stdout}`.trim().split('\n')[0] ?? '';
      const match = /^OpenSSH_(\d+)\.(\d+)/.exec(version);
      if (error || !match) return resolve(null);
      const major = Number(match[1]);
      const minor = Number(match[2]);
      const recent = major > OLDEST.major || (major === OLDEST.major && minor >= OLDEST.minor);
      resolve(recent ? { command, version } : null);
    });
  });
}
