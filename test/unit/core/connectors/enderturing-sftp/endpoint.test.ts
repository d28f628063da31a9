import { describe, expect, it } from 'vitest';
import type { ConnectorContext } from '../../../../../main/core/connectors/connector.ts';
import { readEndpoint } from '../../../../../main/core/connectors/enderturing-sftp/endpoint.ts';
import { KeychainUnavailableError } from '../../../../../main/core/secrets/keychain-unavailable-error.ts';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\n…\n-----END OPENSSH PRIVATE KEY-----\n';

/** A profile whose secrets come from `secret`, as the service's secret store answers them. */
function context(secret: (field: string) => Promise<string | null>): ConnectorContext {
  return {
    profile: {
      id: 'office',
      connector: 'enderturing-sftp',
      allowInsecureHttp: false,
      options: { host: 'upload.enderturing.com', port: 2022, username: 'office' },
    },
    secret,
  } as ConnectorContext;
}

/** The keychain of a server without a desktop session: every read fails. */
function unreachable(field: string): Promise<never> {
  return Promise.reject(new KeychainUnavailableError('office', field, new Error('no D-Bus')));
}

describe('logging in to Ender Turing SFTP', () => {
  it('a private key given in the environment is enough when the keychain cannot be reached for the password', async () => {
    const endpoint = await readEndpoint(
      context((field) => (field === 'privateKey' ? Promise.resolve(KEY) : unreachable(field))),
    );
    expect(endpoint.privateKey).toBe(KEY);
    expect(endpoint.password).toBeNull();
  });

  it('a password given in the environment is enough when the keychain cannot be reached for the key', async () => {
    const endpoint = await readEndpoint(
      context((field) => (field === 'password' ? Promise.resolve('secret') : unreachable(field))),
    );
    expect(endpoint.password).toBe('secret');
    expect(endpoint.privateKey).toBeNull();
  });

  it('without either, the keychain failure is what the person reads', async () => {
    await expect(readEndpoint(context(unreachable))).rejects.toBeInstanceOf(
      KeychainUnavailableError,
    );
  });
});
