import { once } from 'node:events';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../main/core/connectors/errors.ts';
import { SentContentHash } from '../../../main/core/delivery/sent-content-hash.ts';
import { hasSshd } from '../../fixtures/sshd.ts';
import {
  canMakeAccounts,
  failure,
  listing,
  NAME,
  sha256,
  sftpHarness,
  SSH_CLIENTS,
} from './sftp-harness.ts';

const signal = new AbortController().signal;
const ignore = (): void => undefined;

/**
 * A bandwidth limit that lets some bytes through, then answers what `act` does to the
 * transfer: a failure, a wait that never ends, or going on.
 */
function interruptAfter(bytes: number, act: () => Promise<void>) {
  let passed = 0;
  return (piece: number): Promise<void> => {
    passed += piece;
    return passed > bytes ? act() : Promise.resolve();
  };
}

/** A loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

describe.skipIf(!hasSshd()).each(SSH_CLIENTS)(
  'Ender Turing SFTP against a real sshd, key logins through the %s SSH client',
  (sshClient) => {
    const sftp = sftpHarness(sshClient);

    describe('delivery', () => {
      it.skipIf(!canMakeAccounts)(
        'a password login delivers the recording whole under its own name, with no temporary file left',
        async () => {
          const login = sftp.passwordLogin();
          if (!login) throw new Error('the fixture makes a password account as root');
          const folder = await sftp.folder();
          const job = await sftp.newJob();
          const receipt = await sftp
            .open(login, { options: { remoteDir: folder } })
            .upload(job, signal, ignore);
          expect(receipt.remoteId).toBe(join(folder, NAME));
          expect(await listing(folder)).toEqual([NAME]);
          expect(sha256(await readFile(join(folder, NAME)))).toBe(job.sha256);
        },
      );

      it('a key login delivers the recording whole, into the configured remote folder only', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob();
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        await session.upload(job, signal, ignore);
        expect(await listing(folder)).toEqual([NAME]);
        expect(sha256(await readFile(join(folder, NAME)))).toBe(job.sha256);
        expect(await listing(sftp.server().dropDir)).not.toContain(NAME);
      });

      it('uploads running at once over one profile all arrive whole', async () => {
        const folder = await sftp.folder();
        const names = [1, 2, 3].map((n) => `20240131_2059_Agent${n}_12345678_IN_0.wav`);
        const jobs = await Promise.all(names.map((name) => sftp.newJob(10, name)));
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        await Promise.all(jobs.map((job) => session.upload(job, signal, ignore)));
        expect(await listing(folder)).toEqual([...names].sort());
        for (const job of jobs) {
          expect(sha256(await readFile(join(folder, job.fileName)))).toBe(job.sha256);
        }
      });

      it('uploads running at once each hand their hashing exactly the bytes of their own recording', async () => {
        const folder = await sftp.folder();
        const names = [1, 2, 3].map((n) => `20240131_2059_Agent${n}_12345678_IN_${n}.wav`);
        const jobs = await Promise.all(names.map((name, i) => sftp.newJob(60 + 20 * i, name)));
        const hashes = jobs.map(() => new SentContentHash());
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        await Promise.all(
          jobs.map((job, i) => session.upload({ ...job, hashing: hashes[i] }, signal, ignore)),
        );
        expect(hashes.map((hash, i) => hash.digest(jobs[i]?.sizeBytes ?? 0))).toEqual(
          jobs.map((job) => job.sha256),
        );
        expect(session.hashesWhileSending).toBe(true);
      });

      it('reports progress up to the whole file on a recording several megabytes long', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob(120);
        const seen: number[] = [];
        await sftp
          .open(sftp.keyLogin(), { options: { remoteDir: folder } })
          .upload(job, signal, (sent) => seen.push(sent));
        expect(seen.length).toBeGreaterThan(10);
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(seen.at(-1)).toBe(job.sizeBytes);
        expect(sha256(await readFile(join(folder, NAME)))).toBe(job.sha256);
      });

      it('under a bandwidth limit, no more than the limit lets go at once is read and sent at a time', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob(30);
        const paced: number[] = [];
        const session = sftp.open(sftp.keyLogin(), {
          options: { remoteDir: folder },
          pace: async (bytes) => {
            paced.push(bytes);
          },
          pieceBytes: () => 20_000,
        });
        await session.upload(job, signal, ignore);
        expect(sha256(await readFile(join(folder, NAME)))).toBe(job.sha256);
        expect(Math.max(...paced)).toBeLessThanOrEqual(20_000);
        expect(paced.reduce((sum, bytes) => sum + bytes, 0)).toBe(job.sizeBytes);
      });

      it('a transfer that breaks midway leaves neither the recording nor a temporary file', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob(30);
        const session = sftp.open(sftp.keyLogin(), {
          options: { remoteDir: folder },
          pace: interruptAfter(200_000, () => Promise.reject(new Error('the disk went away'))),
        });
        const error = await failure(session.upload(job, signal, ignore));
        expect(error).toBeInstanceOf(TransientError);
        expect((error as TransientError).uncertain).toBe(false);
        expect(error.message).toContain('the disk went away');
        expect(await listing(folder)).toEqual([]);
        // The same session then delivers it.
        const retry = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        await retry.upload(job, signal, ignore);
        expect(await listing(folder)).toEqual([NAME]);
      });

      it('a connection cut midway is transient, and the next attempt clears the temporary file it left', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob(30);
        const session = sftp.open(sftp.keyLogin(), {
          options: { remoteDir: folder },
          pace: interruptAfter(200_000, () => {
            void sftp.server().dropConnections();
            return new Promise<void>(() => undefined);
          }),
        });
        const error = await failure(session.upload(job, signal, ignore));
        expect(error).toBeInstanceOf(TransientError);
        expect((error as TransientError).uncertain).toBe(false);
        // The server kept what it had; the platform ignores hidden names, and the recording has none yet.
        const [left, ...more] = await listing(folder);
        expect(more).toEqual([]);
        expect(left).toMatch(new RegExp(`^\\.${NAME.replaceAll('.', '\\.')}\\.part-[0-9a-f]+$`));
        expect(await session.lookup?.(job, signal)).toBeNull();

        const retry = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        await retry.upload({ ...job, attempt: 2 }, signal, ignore);
        expect(await listing(folder)).toEqual([NAME]);
        expect(sha256(await readFile(join(folder, NAME)))).toBe(job.sha256);
      });

      it('a profile whose connection was closed by the server connects again for the next recording', async () => {
        const folder = await sftp.folder();
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        const names = [1, 2].map((n) => `20240131_2059_Agent${n}_12345678_IN_0.wav`);
        await session.upload(await sftp.newJob(1, names[0]), signal, ignore);
        await sftp.server().dropConnections();
        const job = await sftp.newJob(1, names[1]);
        // Should the close arrive only while the next upload starts, that one attempt fails as
        // transient (the queue retries it); the profile must not stay stuck on the dead connection.
        const first = await session.upload(job, signal, ignore).then(
          () => null,
          (error: unknown) => error,
        );
        if (first !== null) {
          expect(first).toBeInstanceOf(TransientError);
          await session.upload({ ...job, attempt: 2 }, signal, ignore);
        }
        expect(await listing(folder)).toEqual(names);
      });

      it('a cancelled upload leaves nothing behind', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob(30);
        const controller = new AbortController();
        const session = sftp.open(sftp.keyLogin(), {
          options: { remoteDir: folder },
          pace: interruptAfter(200_000, () => {
            controller.abort();
            return Promise.resolve();
          }),
        });
        const error = await failure(session.upload(job, controller.signal, ignore));
        expect(error).toBeInstanceOf(TransientError);
        expect(error.message).toMatch(/cancelled/);
        expect(await listing(folder)).toEqual([]);
      });

      it('a recording whose size changed since it was queued is not given its name', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob();
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        const error = await failure(
          session.upload({ ...job, sizeBytes: job.sizeBytes + 100 }, signal, ignore),
        );
        expect(error).toBeInstanceOf(TransientError);
        expect(error.message).toMatch(/changed while it was being sent/);
        expect(await listing(folder)).toEqual([]);
      });

      it('a recording already there whole is found by look-up and not sent again', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob();
        const first = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        const receipt = await first.upload(job, signal, ignore);
        const before = await stat(join(folder, NAME));

        const later = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        expect(await later.lookup?.(job, signal)).toEqual(receipt);
        expect(await later.upload(job, signal, ignore)).toEqual(receipt);
        expect((await stat(join(folder, NAME))).mtimeMs).toBe(before.mtimeMs);
        expect(await listing(folder)).toEqual([NAME]);
      });

      it('a different file under the same name is neither taken for the recording nor overwritten', async () => {
        const folder = await sftp.folder();
        const job = await sftp.newJob();
        await writeFile(join(folder, NAME), 'someone else’s recording');
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: folder } });
        expect(await session.lookup?.(job, signal)).toBeNull();
        const error = await failure(session.upload(job, signal, ignore));
        expect(error).toBeInstanceOf(RejectedError);
        expect(error.message).toMatch(/already holds a different file named/);
        expect(await readFile(join(folder, NAME), 'utf8')).toBe('someone else’s recording');
        expect(await listing(folder)).toEqual([NAME]);
      });
    });

    describe('refusals', () => {
      it('a remote folder that does not exist pauses the destination, naming the folder', async () => {
        const missing = join(sftp.server().dropDir, 'no-such-folder');
        const session = sftp.open(sftp.keyLogin(), { options: { remoteDir: missing } });
        const error = await failure(session.upload(await sftp.newJob(), signal, ignore));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain(missing);
        const test = await session.testConnection(signal);
        expect(test.ok).toBe(false);
        expect(test.message).toContain(missing);
      });

      it.skipIf(!canMakeAccounts)(
        'a folder the user may not write into pauses the destination with a clear message',
        async () => {
          const login = sftp.passwordLogin();
          if (!login) throw new Error('the fixture makes a password account as root');
          const { lockedDir } = sftp.server();
          const session = sftp.open(login, { options: { remoteDir: lockedDir } });
          const error = await failure(session.upload(await sftp.newJob(), signal, ignore));
          expect(error).toBeInstanceOf(ConfigurationError);
          expect(error.message).toMatch(/does not allow this user to write into/);
          expect(await listing(lockedDir)).toEqual([]);
        },
      );

      it('a key the server does not accept is refused as an AuthError, in plain words', async () => {
        const login = {
          username: sftp.keyLogin().username,
          secrets: { privateKey: sftp.server().strangerKey },
        };
        const folder = await sftp.folder();
        const error = await failure(
          sftp
            .open(login, { options: { remoteDir: folder } })
            .upload(await sftp.newJob(), signal, ignore),
        );
        expect(error).toBeInstanceOf(AuthError);
        expect(error.message).toBe('Ender Turing SFTP refused the username, password or key');
        expect(await listing(folder)).toEqual([]);
      });

      it('a text that is not a private key is a configuration error naming the command to fix it', async () => {
        const login = { username: 'root', secrets: { privateKey: 'not a key' } };
        const error = await failure(sftp.open(login).upload(await sftp.newJob(), signal, ignore));
        expect(error).toBeInstanceOf(ConfigurationError);
        expect(error.message).toContain('call-courier secret set sftp-test privateKey');
      });

      it('a server that is not listening is a transient error', async () => {
        const session = sftp.open(sftp.keyLogin(), { options: { port: await closedPort() } });
        const error = await failure(session.upload(await sftp.newJob(), signal, ignore));
        expect(error).toBeInstanceOf(TransientError);
        expect(error.message).toMatch(/could not reach Ender Turing SFTP/);
      });
    });
  },
);
