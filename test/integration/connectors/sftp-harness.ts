import { createHash } from 'node:crypto';
import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type {
  ConnectorContext,
  ConnectorSession,
  ProfileMemory,
  UploadJob,
} from '../../../main/core/connectors/connector.ts';
import { enderTuringSftp } from '../../../main/core/connectors/enderturing-sftp/enderturing-sftp.ts';
import {
  MemoryHostKeyPins,
  type HostKeyPins,
} from '../../../main/core/connectors/enderturing-sftp/host-key-pins.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { startSshd, type SshdServer } from '../../fixtures/sshd.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

/** A recording name Ender Turing parses. */
export const NAME = '20240131_2059_Agent99_12345678_IN_0.wav';

/** Whether the fixture can make a password account (root only; under CI the fixture insists). */
export const canMakeAccounts = process.getuid?.() === 0;

/** Who logs in, and the secrets the profile has. */
export interface Login {
  readonly username: string;
  readonly secrets: Readonly<Record<string, string>>;
}

/** What a session is opened with beyond the defaults. */
export interface OpenOptions {
  readonly options?: Readonly<Record<string, string | number>>;
  readonly pins?: HostKeyPins;
  readonly pace?: ConnectorContext['pace'];
  readonly pieceBytes?: ConnectorContext['pieceBytes'];
  readonly profileId?: string;
}

/** An sshd for one test file, with helpers to open sessions and make recordings. */
export interface SftpHarness {
  server(): SshdServer;
  keyLogin(): Login;
  /** The password account; null only outside CI when not root. */
  passwordLogin(): Login | null;
  open(login: Login, how?: OpenOptions): ConnectorSession;
  /** A stereo recording of about `seconds` (distinct content each time) and its job. */
  newJob(seconds?: number, fileName?: string): Promise<UploadJob>;
  /** A fresh remote folder both users may write into. */
  folder(): Promise<string>;
}

/**
 * The SSH clients a key login is tested through: OpenSSH's `ssh` (when it is installed; under
 * CI it must be) and the built-in one. A password login always goes through the built-in one.
 */
export const SSH_CLIENTS = (hasCommand('ssh') ? ['openssh', 'builtin'] : ['builtin']) as readonly (
  'openssh' | 'builtin'
)[];

/**
 * Starts an sshd for the calling test file and closes it, and its sessions, afterwards.
 * Key logins go through `sshClient` (the profile option) unless a test says otherwise.
 */
export function sftpHarness(sshClient: 'openssh' | 'builtin' = 'builtin'): SftpHarness {
  let server: SshdServer | undefined;
  let dir = '';
  let sequence = 0;
  const sessions: ConnectorSession[] = [];
  beforeAll(async () => {
    dir = await tempDirForSuite('call-courier-sftp-');
    server = await startSshd();
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await server?.close();
  });
  const running = (): SshdServer => {
    if (!server) throw new Error('sshd is not running');
    return server;
  };

  return {
    server: running,
    keyLogin: () => ({
      username: running().keyUser.username,
      secrets: { privateKey: running().keyUser.privateKey },
    }),
    passwordLogin: () => {
      const user = running().passwordUser;
      return user && { username: user.username, secrets: { password: user.password } };
    },
    open(login, how = {}) {
      const { host, port, dropDir } = running();
      const context = {
        profile: {
          id: how.profileId ?? 'sftp-test',
          connector: 'enderturing-sftp',
          allowInsecureHttp: false,
          options: {
            host,
            port,
            username: login.username,
            remoteDir: dropDir,
            allowMono: false,
            ...(login.secrets.privateKey === undefined ? {} : { sshClient }),
            ...how.options,
          },
        },
        secret: async (field: string) => login.secrets[field] ?? null,
        // The profile memory the service keeps in its database, here over a pin store.
        memory: pinsAsMemory(how.pins ?? new MemoryHostKeyPins(), how.profileId ?? 'sftp-test'),
        ...(how.pace ? { pace: how.pace } : {}),
        ...(how.pieceBytes ? { pieceBytes: how.pieceBytes } : {}),
      };
      const session = enderTuringSftp.open(context);
      sessions.push(session);
      return session;
    },
    async newJob(seconds = 1, fileName = NAME) {
      sequence += 1;
      const sub = join(dir, String(sequence));
      await mkdir(sub);
      const path = await writeWav(join(sub, fileName), {
        channels: 2,
        seconds: seconds + sequence / 100,
      });
      const bytes = await readFile(path);
      return {
        id: sequence,
        path,
        fileName,
        sizeBytes: bytes.length,
        sha256: sha256(bytes),
        audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 1 },
        metadata: { clientId: '12345678', direction: 'IN', agentChannel: 0 },
        attempt: 1,
      };
    },
    async folder() {
      sequence += 1;
      const folder = join(running().dropDir, `folder-${sequence}`);
      await mkdir(folder);
      await chmod(folder, 0o777);
      return folder;
    },
  };
}

/** Hex SHA-256 of some bytes. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Everything in a folder, temporary names included, sorted. */
export async function listing(folder: string): Promise<string[]> {
  return (await readdir(folder)).sort();
}

/** The error a call fails with (the test fails if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to fail').toBeInstanceOf(Error);
  return error as Error;
}

/** A profile memory whose host-key entries live in `pins`, as the service's database holds them. */
function pinsAsMemory(pins: HostKeyPins, profileId: string): ProfileMemory {
  return {
    get: (key) => (key.startsWith('hostKey/') ? pins.get(profileId) : Promise.resolve(null)),
    set: async (key, value) => {
      if (key.startsWith('hostKey/') && value !== null) await pins.set(profileId, value);
    },
  };
}
