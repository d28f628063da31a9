import { describe, expect, it } from 'vitest';
import {
  checkHostKey,
  fingerprintOf,
  parseFingerprint,
} from '../../../../../main/core/connectors/enderturing-sftp/host-key.ts';
import {
  memoryHostKeyPins,
  MemoryHostKeyPins,
} from '../../../../../main/core/connectors/enderturing-sftp/host-key-pins.ts';
import { AuthError, ConfigurationError } from '../../../../../main/core/connectors/errors.ts';

const A = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
const B = 'SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8';

function check(pins = new MemoryHostKeyPins(), expected?: string) {
  return {
    profileId: 'office',
    address: 'upload.enderturing.com:2022',
    expected,
    pins,
    label: 'Ender Turing SFTP',
    vendor: 'Ender Turing',
  };
}

describe('host key fingerprints', () => {
  it('are written the way OpenSSH prints them: SHA256 and unpadded base64', () => {
    // The SHA-256 of no bytes, as `ssh-keygen -l` would print it.
    expect(fingerprintOf(Buffer.alloc(0))).toBe(A);
  });

  it('are read as pasted, with or without the SHA256: prefix or a trailing =', () => {
    expect(parseFingerprint(A)).toBe(A);
    expect(parseFingerprint(`  ${A.slice('SHA256:'.length)}= `)).toBe(A);
    expect(parseFingerprint('MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48')).toBeUndefined();
    expect(parseFingerprint('SHA256:short')).toBeUndefined();
  });
});

describe('host key check', () => {
  it('pins the first key and accepts it again', async () => {
    const pins = new MemoryHostKeyPins();
    expect(await checkHostKey(A, check(pins))).toBeNull();
    expect(await pins.get('office')).toBe(A);
    expect(await checkHostKey(A, check(pins))).toBeNull();
  });

  it('refuses a changed key as an AuthError, naming both keys and the way to accept the new one', async () => {
    const pins = new MemoryHostKeyPins();
    await pins.set('office', A);
    const error = await checkHostKey(B, check(pins));
    expect(error).toBeInstanceOf(AuthError);
    expect(error?.message).toContain(`${B} instead of the pinned ${A}`);
    expect(error?.message).toContain(`set the profile's hostFingerprint to ${B}`);
    expect(await pins.get('office')).toBe(A);
  });

  it('with hostFingerprint set, accepts only that key and re-pins it', async () => {
    const pins = new MemoryHostKeyPins();
    await pins.set('office', A);
    expect(await checkHostKey(B, check(pins, B))).toBeNull();
    expect(await pins.get('office')).toBe(B);
    const error = await checkHostKey(A, check(pins, B));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error?.message).toContain(
      `presented the host key ${A}, but the profile's hostFingerprint is ${B}`,
    );
  });
});

describe('pins kept in the profile memory', () => {
  it('are kept per server address, and shared by every session of the same memory', async () => {
    const held = new Map<string, string | null>();
    const memory = {
      get: async (key: string) => held.get(key) ?? null,
      set: async (key: string, value: string | null) => void held.set(key, value),
    };
    await memoryHostKeyPins(memory, 'sftp.example.com:2022').set('office', A);
    expect(await memoryHostKeyPins(memory, 'sftp.example.com:2022').get('office')).toBe(A);
    expect(await memoryHostKeyPins(memory, 'other.example.com:2022').get('office')).toBeNull();
    expect([...held.keys()]).toEqual(['hostKey/sftp.example.com:2022']);
  });
});
