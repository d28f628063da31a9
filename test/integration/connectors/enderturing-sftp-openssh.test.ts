import { execFile } from 'node:child_process';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '../../../main/core/connectors/errors.ts';
import { hasSshd } from '../../fixtures/sshd.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { canMakeAccounts, failure, listing, NAME, sftpHarness } from './sftp-harness.ts';

const run = promisify(execFile);
const signal = new AbortController().signal;
const ignore = (): void => undefined;

/** The `ssh` processes this test process started. */
async function sshChildren(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
    if (match?.[1] === 'ssh' && Number(match[2]) === process.pid) found.push(Number(entry));
  }
  return found;
}

/** The folder an ssh process keeps its connection's host key in (from its command line). */
async function connectionFolder(pid: number): Promise<string> {
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
  const option = args.find((a) => a.startsWith('UserKnownHostsFile='));
  if (option === undefined) throw new Error(`ssh ${pid} was given no known-hosts file`);
  return dirname(option.slice('UserKnownHostsFile='.length));
}

/** Whether a path is there. */
async function exists(path: string): Promise<boolean> {
  return readdir(path).then(
    () => true,
    () => false,
  );
}

describe.skipIf(!hasSshd() || !hasCommand('ssh'))(
  "Ender Turing SFTP through OpenSSH's client",
  () => {
    const sftp = sftpHarness('openssh');

    it('runs ssh beside the service, with no key on disk nor secret in its environment, and ends ssh when closed', async () => {
      const folder = await sftp.folder();
      const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
      // A headless service may be given its secrets in variables: ssh must not inherit them.
      process.env.CALL_COURIER_ETSFTP_PASSWORD = 'not-for-ssh';
      try {
        await session.upload(await sftp.newJob(), signal, ignore);
      } finally {
        delete process.env.CALL_COURIER_ETSFTP_PASSWORD;
      }
      expect(await listing(folder)).toEqual([NAME]);

      const children = await sshChildren();
      expect(children).toHaveLength(1);
      const folderOfSsh = await connectionFolder(children[0] as number);
      const environment = await readFile(`/proc/${children[0]}/environ`, 'utf8');
      expect(environment).toContain('SSH_AUTH_SOCK=');
      expect(environment).not.toContain('not-for-ssh');
      const kept = (await readdir(folderOfSsh)).sort();
      // The agent is gone once ssh has logged in; the host key stays for key renewals.
      expect(kept).toEqual(['known_hosts']);
      const keyBody = sftp.keyLogin().secrets.privateKey?.split('\n')[1] ?? '';
      expect(keyBody.length).toBeGreaterThan(20);
      expect(await readFile(join(folderOfSsh, 'known_hosts'), 'utf8')).not.toContain(keyBody);

      await session.close();
      await vi.waitFor(async () => expect(await sshChildren()).toEqual([]), { timeout: 10_000 });
      await vi.waitFor(async () => expect(await exists(folderOfSsh)).toBe(false), {
        timeout: 10_000,
      });
    });

    it('gives each upload running at once a connection of its own, kept for the next upload', async () => {
      await vi.waitFor(async () => expect(await sshChildren()).toEqual([]), { timeout: 10_000 });
      const folder = await sftp.folder();
      const names = [1, 2].map((n) => `20240131_2059_Agent${n}_12345678_IN_0.wav`);
      const jobs = await Promise.all(names.map((name) => sftp.newJob(20, name)));
      const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
      await Promise.all(jobs.map((job) => session.upload(job, signal, ignore)));
      const connections = await sshChildren();
      expect(connections).toHaveLength(2);
      await session.upload(await sftp.newJob(), signal, ignore);
      expect((await sshChildren()).sort()).toEqual(connections.sort());
      expect(await listing(folder)).toEqual([...names, NAME].sort());
    });

    it.each([
      ['rsa', '3072'],
      ['ecdsa', '256'],
    ])('logs in with an %s key (%s bits)', async (type, bits) => {
      const dir = await tempDirForSuite('call-courier-key-');
      const path = join(dir, 'key');
      await run('ssh-keygen', ['-q', '-t', type, '-b', bits, '-N', '', '-f', path]);
      const server = sftp.server();
      const authorized = join(dirname(server.dropDir), 'authorized_keys', server.keyUser.username);
      await appendFile(authorized, await readFile(`${path}.pub`));
      const folder = await sftp.folder();
      const login = {
        username: server.keyUser.username,
        secrets: { privateKey: await readFile(path, 'utf8') },
      };
      await sftp
        .open(login, { options: { remoteDir: folder } })
        .upload(await sftp.newJob(), signal, ignore);
      expect(await listing(folder)).toEqual([NAME]);
    });

    it.skipIf(!canMakeAccounts)(
      'asked for with a password login, it is a configuration error that names the fix',
      async () => {
        const login = sftp.passwordLogin();
        if (!login) throw new Error('the fixture makes a password account as root');
        const session = sftp.open(login, { options: { sshClient: 'openssh' } });
        const error = await failure(session.upload(await sftp.newJob(), signal, ignore));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain('sshClient to auto');
      },
    );
  },
);
