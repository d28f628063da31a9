import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedKey } from 'ssh2';
import { AuthError, ConfigurationError, TransientError } from '../errors.ts';
import { checkHostKey, fingerprintOf } from './host-key.ts';
import { startKeyAgent, type KeyAgent } from './key-agent.ts';
import type { OpenSshClient } from './openssh-client.ts';
import type { SftpEndpoint, SftpLink } from './sftp-connection.ts';
import { connectionFailure } from './sftp-errors.ts';
import { SftpClient } from './sftp-client.ts';
import { watchChannel } from './sftp-files.ts';

/** How long the login may take, from starting ssh to SFTP's first answer. */
const READY_TIMEOUT_MS = 20_000;

/** How long ssh is given to leave once its input has ended, before it is stopped. */
const END_GRACE_MS = 5_000;

/**
 * Ciphers in the order they are offered: AES-GCM first (computers with AES instructions
 * encrypt it several times faster than ChaCha20, on both sides), then OpenSSH's defaults.
 */
const CIPHERS = [
  'aes128-gcm@openssh.com',
  'aes256-gcm@openssh.com',
  'chacha20-poly1305@openssh.com',
  'aes128-ctr',
  'aes192-ctr',
  'aes256-ctr',
].join(',');

/**
 * Logs in with the profile's key through OpenSSH's own client and speaks SFTP over its
 * standard input and output: OpenSSH encrypts in its own process, on another core, several
 * times cheaper than the built-in client does on the service's thread. The private key
 * reaches ssh through an agent in this process (key-agent.ts), never a file.
 *
 * The server's key is checked as on every connection (pinned, or the profile's
 * hostFingerprint): ssh writes the key it was shown into a known-hosts file of this
 * connection's own, and the agent signs the login only once that key has passed. Nothing is
 * sent over a connection whose key has not (a server that asks for no login is checked
 * before the first SFTP request).
 */
export async function openOpenSshSftp(
  endpoint: SftpEndpoint,
  privateKey: string,
  client: OpenSshClient,
  signal: AbortSignal,
): Promise<SftpLink> {
  const { label, address, profileId } = endpoint;
  const key = await parsePrivateKey(privateKey, endpoint);
  // The connection's own folder: the agent's socket, and the host key ssh was shown (kept
  // until the connection ends: ssh checks it again whenever the keys are renewed).
  const folder = await mkdtemp(join(tmpdir(), 'call-courier-ssh-'));
  const removeFolder = (): Promise<void> => rm(folder, { recursive: true, force: true });
  const knownHosts = join(folder, 'known_hosts');
  let judged: Promise<Error | null | undefined> | undefined;
  const hostKeyVerdict = (): Promise<Error | null | undefined> =>
    (judged ??= judgeHostKey(knownHosts, endpoint));
  let agent: KeyAgent | undefined;
  try {
    await chmod(folder, 0o700);
    agent = await startKeyAgent(key, folder, async () => (await hostKeyVerdict()) === null);
    const ssh = spawn(client.command, sshArguments(endpoint, agent, knownHosts), {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: sshEnvironment(agent.socketPath),
    });
    const said = lastWords(ssh.stderr);
    let exited = false;
    ssh.once('exit', () => (exited = true));
    ssh.once('error', () => (exited = true));
    const sftp = new SftpClient(ssh.stdout, ssh.stdin);
    watchChannel(sftp);
    const started = await loggedIn(sftp, ssh, signal).catch((error: unknown) => error as Error);
    if (started instanceof Error) {
      ssh.kill();
      if (signal.aborted) throw connectionFailure(signal.reason, endpoint, profileId, signal);
      // A refused host key says more than the failed login it caused.
      throw (await hostKeyVerdict()) ?? sshFailure(started, said(), endpoint);
    }
    const verdict = await hostKeyVerdict();
    if (verdict !== null) {
      ssh.kill();
      throw (
        verdict ??
        new TransientError(`could not learn ${label}'s host key at ${address}; nothing was sent`)
      );
    }
    // The folder outlives the login (a failed one reads the host key from it): removed when
    // ssh leaves.
    if (exited) void removeFolder();
    else ssh.once('exit', () => void removeFolder());
    const end = (): void => {
      sftp.end();
      const timer = setTimeout(() => ssh.kill(), END_GRACE_MS);
      timer.unref();
      ssh.once('exit', () => clearTimeout(timer));
    };
    return { sftp, address, usable: () => !exited && !sftp.closed, end };
  } catch (error) {
    await removeFolder();
    const typed =
      error instanceof TransientError ||
      error instanceof AuthError ||
      error instanceof ConfigurationError;
    if (typed) throw error;
    throw new TransientError(`the connection to ${label} at ${address} failed: ${String(error)}`, {
      cause: error,
    });
  } finally {
    // ssh has logged in (or given up): nothing needs the key any more.
    await agent?.close();
  }
}

/**
 * The host key ssh wrote into `knownHosts`, judged as every connection's is (checkHostKey):
 * the error to fail with, null to go on, undefined when ssh was shown no key.
 */
async function judgeHostKey(
  knownHosts: string,
  endpoint: SftpEndpoint,
): Promise<Error | null | undefined> {
  const text = await readFile(knownHosts, 'utf8').catch(() => '');
  const blob = text
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[2])
    .find((field) => field !== undefined && field !== '');
  if (blob === undefined) return undefined;
  try {
    return await checkHostKey(fingerprintOf(Buffer.from(blob, 'base64')), endpoint.hostKey);
  } catch (error) {
    return new TransientError(
      `could not check ${endpoint.label}'s host key against the pinned one: ${String(error)}`,
      { cause: error },
    );
  }
}

/** The key ssh2 parsed, or the configuration error the built-in client would give. */
async function parsePrivateKey(privateKey: string, endpoint: SftpEndpoint): Promise<ParsedKey> {
  // ssh2 is CommonJS, and `utils` is not among the names Node finds to export by name.
  const { utils } = (await import('ssh2')).default;
  const parsed = utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | Error | undefined) : parsed;
  const problem =
    key === undefined || key instanceof Error
      ? (key?.message ?? 'no key found')
      : key.isPrivateKey()
        ? null
        : 'it is a public key';
  if (problem !== null || key === undefined || key instanceof Error) {
    throw connectionFailure(
      new Error(`Cannot parse privateKey: ${problem ?? 'unknown format'}`),
      endpoint,
      endpoint.profileId,
    );
  }
  return key;
}

/** Resolves when SFTP has answered its first message: ssh has connected and logged in. */
async function loggedIn(
  sftp: SftpClient,
  ssh: ReturnType<typeof spawn>,
  signal: AbortSignal,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const gaveUp = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error('the login did not finish in time')),
      READY_TIMEOUT_MS,
    );
    onAbort = () => reject(new Error('cancelled'));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    ssh.once('error', reject);
  });
  try {
    await Promise.race([sftp.start(), gaveUp]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** The command line: no configuration files, no prompts, this key and this server key only. */
function sshArguments(endpoint: SftpEndpoint, agent: KeyAgent, knownHosts: string): string[] {
  const option = (name: string, value: string | number): string[] => ['-o', `${name}=${value}`];
  return [
    '-F',
    'none',
    '-T',
    '-a',
    '-x',
    '-e',
    'none',
    ...option('BatchMode', 'yes'),
    ...option('LogLevel', 'ERROR'),
    ...option('ConnectTimeout', 20),
    ...option('ServerAliveInterval', 15),
    ...option('ServerAliveCountMax', 4),
    // The file starts empty, so ssh takes the key it is shown and writes it there, where
    // judgeHostKey finds it; a different key later (when keys are renewed) is refused.
    ...option('StrictHostKeyChecking', 'accept-new'),
    ...option('UserKnownHostsFile', knownHosts),
    ...option('GlobalKnownHostsFile', 'none'),
    ...option('HashKnownHosts', 'no'),
    ...option('CheckHostIP', 'no'),
    ...option('UpdateHostKeys', 'no'),
    ...option('PreferredAuthentications', 'publickey'),
    ...option('IdentitiesOnly', 'yes'),
    ...option('IdentityFile', agent.identityPath),
    ...option('IdentityAgent', agent.socketPath),
    ...option('ControlMaster', 'no'),
    ...option('ControlPath', 'none'),
    ...option('Ciphers', CIPHERS),
    '-p',
    String(endpoint.port),
    '-l',
    endpoint.username,
    '-s',
    '--',
    endpoint.host,
    'sftp',
  ];
}

/**
 * The environment ssh runs in: the service's, without the secrets a headless service may be
 * given in variables (CALL_COURIER_…), and with this connection's agent.
 */
function sshEnvironment(agentSocket: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.startsWith('CALL_COURIER_')) env[name] = value;
  }
  env.SSH_AUTH_SOCK = agentSocket;
  return env;
}

/** Keeps the end of what ssh writes to its error output (the last 4 KiB). */
function lastWords(stderr: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stderr?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-4096);
  });
  return () => text.trim();
}

/**
 * The typed error for a login through ssh that failed, in plain words, from what ssh said:
 * what the built-in client also meets is told as connectionFailure tells it (ssh's words
 * given the level or network code ssh2 would give).
 */
function sshFailure(error: Error, said: string, endpoint: SftpEndpoint): Error {
  const { label, address, profileId } = endpoint;
  const line = said.split('\n').filter(Boolean).at(-1) ?? error.message;
  const cause = new Error(line, { cause: said === '' ? error : new Error(said, { cause: error }) });
  const as = (fields: { level?: string; code?: string }): Error =>
    connectionFailure(Object.assign(cause, fields), endpoint, profileId);
  if (/Permission denied/i.test(said)) return as({ level: 'client-authentication' });
  if (/no matching|Unable to negotiate/i.test(said)) return as({ level: 'handshake' });
  if (/Connection refused/i.test(said)) return as({ code: 'ECONNREFUSED' });
  if (/Could not resolve hostname/i.test(said)) return as({ code: 'ENOTFOUND' });
  if (/timed out|did not finish in time/i.test(`${said} ${error.message}`)) {
    return as({ level: 'client-timeout' });
  }
  if (/Host key verification failed|HOST IDENTIFICATION HAS CHANGED/i.test(said)) {
    return new TransientError(
      `${label} at ${address} presented a host key that ssh refused; nothing was sent, and it will be checked again on the next attempt`,
      { cause },
    );
  }
  if (/subsystem request failed/i.test(said)) {
    return new ConfigurationError(
      `${label} at ${address} accepted the login but offers this user no SFTP: ask Ender Turing support`,
      { cause },
    );
  }
  const spawnCode = (error as NodeJS.ErrnoException).code;
  if (spawnCode === 'ENOENT' || spawnCode === 'EACCES') {
    return new TransientError(`OpenSSH's ssh could not be started (${spawnCode})`, { cause });
  }
  return as({});
}
