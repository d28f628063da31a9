import type { ConnectConfig } from 'ssh2';
import { ConfigurationError, TransientError } from '../errors.ts';
import { coalescedSocket } from './coalesced-socket.ts';
import { checkHostKey, fingerprintOf, type HostKeyCheck } from './host-key.ts';
import { findOpenSsh, type OpenSshClient } from './openssh-client.ts';
import { openOpenSshSftp } from './openssh-link.ts';
import type { SftpChannel } from './sftp-channel.ts';
import { connectionFailure, type SftpWords } from './sftp-errors.ts';
import { isClosed, watchChannel } from './sftp-files.ts';

/** How long the connection and login may take. */
const READY_TIMEOUT_MS = 20_000;

/** Everything needed to log in to one SFTP server. */
export interface SftpEndpoint extends SftpWords {
  readonly profileId: string;
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string | null;
  readonly privateKey: string | null;
  readonly hostKey: HostKeyCheck;
  /** Which SSH client carries the connection (the profile's sshClient option). */
  readonly sshClient: SshClientChoice;
}

/**
 * `auto`: OpenSSH's own client when it is installed and the login is by key alone, else the
 * built-in one; `openssh` or `builtin` insist on one.
 */
export type SshClientChoice = 'auto' | 'openssh' | 'builtin';

/** A logged-in SSH connection with its SFTP channel. */
export interface SftpLink {
  readonly sftp: SftpChannel;
  /** `host:port`, for messages. */
  readonly address: string;
  /** False once the connection has closed or failed: open a new one. */
  usable(): boolean;
  /** Closes the connection. */
  end(): void;
}

/**
 * Connects, checks the server's host key (nothing is sent to an unknown server), logs in
 * and opens the SFTP channel, through OpenSSH's client or the built-in one (see
 * SshClientChoice). Fails with TransientError, AuthError or ConfigurationError.
 */
export async function openSftp(endpoint: SftpEndpoint, signal: AbortSignal): Promise<SftpLink> {
  const openssh = await openSshFor(endpoint);
  if (openssh !== null && endpoint.privateKey !== null) {
    return openOpenSshSftp(endpoint, endpoint.privateKey, openssh, signal);
  }
  return openBuiltinSftp(endpoint, signal);
}

/** OpenSSH's client when the connection is to go through it, else null (built-in). */
async function openSshFor(endpoint: SftpEndpoint): Promise<OpenSshClient | null> {
  const { sshClient, privateKey, password, profileId } = endpoint;
  if (sshClient === 'builtin') return null;
  if (sshClient === 'auto') {
    return privateKey !== null && password === null ? findOpenSsh() : null;
  }
  if (privateKey === null) {
    throw new ConfigurationError(
      `profile ${profileId} logs in with a password, and OpenSSH's client is used here with a key only: set its sshClient to auto, or store a key with \`call-courier secret set ${profileId} privateKey\``,
    );
  }
  const found = await findOpenSsh();
  if (found === null) {
    throw new ConfigurationError(
      `profile ${profileId} asks for OpenSSH's client (sshClient openssh), but no OpenSSH ssh 7.6 or later was found on this computer: install it, or set sshClient to auto`,
    );
  }
  return found;
}

/** The connection through ssh2, in this process. */
async function openBuiltinSftp(endpoint: SftpEndpoint, signal: AbortSignal): Promise<SftpLink> {
  const { profileId, hostKey } = endpoint;
  // Loaded on the first connection: ssh2 and its crypto modules cost every office that does
  // not deliver by SFTP a few megabytes of memory for nothing.
  const { Client } = await import('ssh2');
  return new Promise<SftpLink>((resolve, reject) => {
    const client = new Client();
    let settled = false;
    let alive = true;
    /** Why the host key was refused: this, not ssh2's "Host denied", is what the user reads. */
    let hostKeyError: Error | null = null;

    const settle = (error: Error | null, link?: SftpLink): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) {
        client.end();
        reject(error);
      } else if (link) resolve(link);
    };
    const fail = (error: unknown): void =>
      settle(hostKeyError ?? connectionFailure(error, endpoint, profileId, signal));
    const onAbort = (): void => {
      fail(signal.reason);
      client.destroy();
    };

    // ssh2 emits 'error' whenever the connection fails, even long after login: always listen.
    client.on('error', (error) => {
      alive = false;
      fail(error);
    });
    client.on('close', () => {
      alive = false;
      fail(new Error('the server closed the connection during login'));
    });
    client.once('ready', () => {
      client.sftp((error, sftp) => {
        if (error) return fail(error);
        watchChannel(sftp);
        sftp.on('error', () => {
          alive = false;
        });
        settle(null, {
          sftp,
          address: endpoint.address,
          usable: () => alive && !isClosed(sftp),
          end: () => client.end(),
        });
      });
    });

    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    // A socket of our own, so that the many small writes of an upload leave together.
    const sock = coalescedSocket(endpoint.host, endpoint.port);
    // ssh2 listens for its errors once connect() runs; until then (or if it throws) they are ours.
    sock.on('error', () => undefined);
    const config: ConnectConfig = {
      sock,
      host: endpoint.host,
      port: endpoint.port,
      username: endpoint.username,
      readyTimeout: READY_TIMEOUT_MS,
      keepaliveInterval: 15_000,
      keepaliveCountMax: 4,
      hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
        checkHostKey(fingerprintOf(key), hostKey).then(
          (refusal) => {
            hostKeyError = refusal;
            verify(refusal === null);
          },
          (error: unknown) => {
            hostKeyError = new TransientError(
              `could not check ${endpoint.label}'s host key against the pinned one: ${String(error)}`,
              { cause: error },
            );
            verify(false);
          },
        );
      },
      ...(endpoint.password === null ? {} : { password: endpoint.password }),
      ...(endpoint.privateKey === null ? {} : { privateKey: endpoint.privateKey }),
    };
    try {
      client.connect(config);
    } catch (error) {
      sock.destroy();
      // ssh2 parses the private key before connecting, and throws when it cannot.
      settle(
        error instanceof Error && /key|passphrase/i.test(error.message)
          ? connectionFailure(error, endpoint, profileId, signal)
          : new ConfigurationError(
              `could not start the connection to ${endpoint.label}: ${String(error)}`,
              { cause: error },
            ),
      );
    }
  });
}
