import { describe, expect, it } from 'vitest';
import { MemoryHostKeyPins } from '../../../main/core/connectors/enderturing-sftp/host-key-pins.ts';
import { AuthError, ConfigurationError } from '../../../main/core/connectors/errors.ts';
import { hasSshd } from '../../fixtures/sshd.ts';
import { failure, listing, NAME, sftpHarness, SSH_CLIENTS } from './sftp-harness.ts';

const signal = new AbortController().signal;
const ignore = (): void => undefined;

/** A well-formed fingerprint of some other key. */
const OTHER_KEY = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';

describe.skipIf(!hasSshd()).each(SSH_CLIENTS)(
  'Ender Turing SFTP checks the server it talks to, through the %s SSH client',
  (sshClient) => {
    const sftp = sftpHarness(sshClient);

    it('pins the host key on first connection, as ssh-keygen prints its fingerprint', async () => {
      const pins = new MemoryHostKeyPins();
      const test = await sftp.open(sftp.keyLogin(), { pins }).testConnection(signal);
      expect(test.ok, test.message).toBe(true);
      expect(await pins.get('sftp-test')).toBe(await sftp.server().hostFingerprint());
    });

    it('accepts the server when hostFingerprint is the one ssh-keygen prints', async () => {
      const folder = await sftp.folder();
      const fingerprint = await sftp.server().hostFingerprint();
      const session = sftp.open(sftp.keyLogin(), {
        options: { remoteDir: folder, hostFingerprint: fingerprint },
      });
      await session.upload(await sftp.newJob(), signal, ignore);
      expect(await listing(folder)).toEqual([NAME]);
    });

    it('refuses a server whose key is not the hostFingerprint, naming both, and sends nothing', async () => {
      const folder = await sftp.folder();
      const presented = await sftp.server().hostFingerprint();
      const session = sftp.open(sftp.keyLogin(), {
        options: { remoteDir: folder, hostFingerprint: OTHER_KEY },
      });
      const error = await failure(session.upload(await sftp.newJob(), signal, ignore));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain(presented);
      expect(error.message).toContain(OTHER_KEY);
      expect(await listing(folder)).toEqual([]);
      const test = await session.testConnection(signal);
      expect(test).toEqual({ ok: false, message: error.message });
    });

    it('says how to write hostFingerprint when it is not a SHA256 fingerprint', async () => {
      const session = sftp.open(sftp.keyLogin(), {
        options: { hostFingerprint: 'MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48' },
      });
      const error = await failure(session.upload(await sftp.newJob(), signal, ignore));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toMatch(/hostFingerprint .* is not a SHA256 host key fingerprint/);
      expect(error.message).toContain('ssh-keygen -lf');
    });

    it('refuses a changed host key, naming both keys and how to accept the new one', async () => {
      const folder = await sftp.folder();
      // One store for every session: the queue database, which outlives the program's runs.
      const pins = new MemoryHostKeyPins();
      const options = { remoteDir: folder };
      const first = sftp.open(sftp.keyLogin(), { options, pins });
      expect((await first.testConnection(signal)).ok).toBe(true);
      const before = await sftp.server().hostFingerprint();

      await sftp.server().rotateHostKey();
      const after = await sftp.server().hostFingerprint();
      expect(after).not.toBe(before);
      const refused = sftp.open(sftp.keyLogin(), { options, pins });
      const error = await failure(refused.upload(await sftp.newJob(), signal, ignore));
      expect(error).toBeInstanceOf(AuthError);
      expect(error.message).toContain(`${after} instead of the pinned ${before}`);
      expect(error.message).toContain(`set the profile's hostFingerprint to ${after}`);
      expect(await listing(folder)).toEqual([]);
      expect(await pins.get('sftp-test')).toBe(before);

      // The user confirms the new key: the profile names it, and the pin follows.
      const accepted = sftp.open(sftp.keyLogin(), {
        options: { ...options, hostFingerprint: after },
        pins,
      });
      await accepted.upload(await sftp.newJob(), signal, ignore);
      expect(await listing(folder)).toEqual([NAME]);
      expect(await pins.get('sftp-test')).toBe(after);
      const withoutOption = sftp.open(sftp.keyLogin(), { options, pins });
      expect((await withoutOption.testConnection(signal)).ok).toBe(true);
    });
  },
);
