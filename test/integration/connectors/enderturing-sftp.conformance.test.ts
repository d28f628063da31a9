import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { enderTuringSftp } from '../../../main/core/connectors/enderturing-sftp/enderturing-sftp.ts';
import { hasSshd, startSshd } from '../../fixtures/sshd.ts';
import type { ConformanceSubject, ReceivedRecording } from './conformance-subject.ts';
import { describeConformance } from './conformance.ts';

/**
 * The "platform" is a real OpenSSH sshd serving SFTP from a temporary folder: what it
 * received is what that folder holds under final names (temporary names start with a dot).
 * The receipt's remoteId is the remote path. sshd cannot be made to answer 503/429, lose an
 * answer after storing, or refuse one file, so no faults are listed and the suite runs none.
 */
const subject: ConformanceSubject = {
  connector: enderTuringSftp,
  recording: {
    fileName: (n) => `20240131_2059_Agent${n}_12345678_IN_0.wav`,
    channels: 2,
    metadata: { clientId: '12345678', direction: 'IN', agentChannel: 0 },
  },
  faults: new Set(),
  async start() {
    const server = await startSshd();
    // Password login, as Ender Turing documents it; the test account exists only as root.
    const user = server.passwordUser;
    const username = user?.username ?? server.keyUser.username;
    const secrets: Record<string, string> = user
      ? { password: user.password }
      : { privateKey: server.keyUser.privateKey };
    const wrongSecrets: Record<string, string> = user
      ? { password: 'not the password' }
      : { privateKey: server.strangerKey };
    return {
      profile: (options = {}) => ({
        id: 'et-sftp',
        connector: 'enderturing-sftp',
        allowInsecureHttp: false,
        options: {
          host: server.host,
          port: server.port,
          username,
          remoteDir: server.dropDir,
          allowMono: false,
          ...options,
        },
      }),
      secrets,
      wrongSecrets,
      received: () => receivedIn(server.dropDir),
      inject(fault) {
        throw new Error(`sshd cannot inject ${fault}`);
      },
      tokensIssued: () => null,
      close: () => server.close(),
    };
  },
  expectFields(received) {
    expect(received.contentType).toBeNull();
    expect(received.fields).toEqual({});
  },
};

/** The files in the drop folder under final names, oldest first. */
function receivedIn(dir: string): ReceivedRecording[] {
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({ name, path: join(dir, name), stats: statSync(join(dir, name)) }))
    .filter(({ stats }) => stats.isFile())
    .sort((a, b) => a.stats.mtimeMs - b.stats.mtimeMs)
    .map(({ name, path, stats }) => ({
      remoteId: path,
      fileName: name,
      sizeBytes: stats.size,
      sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
      contentType: null,
      fields: {},
    }));
}

describe.skipIf(!hasSshd())('over SFTP to a real sshd', () => {
  describeConformance(subject);
});
