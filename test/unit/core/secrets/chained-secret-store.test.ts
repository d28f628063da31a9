import { describe, expect, it } from 'vitest';
import {
  ChainedSecretStore,
  headlessSecretStore,
} from '../../../../main/core/secrets/chained-secret-store.ts';
import { KeychainUnavailableError } from '../../../../main/core/secrets/keychain-unavailable-error.ts';
import { KeytarSecretStore } from '../../../../main/core/secrets/keytar-secret-store.ts';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-secret-store.ts';

/** A keychain that cannot be reached, as on a server without a D-Bus session. */
const unreachableKeychain = () =>
  new KeytarSecretStore({
    load: async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    },
  });

describe('the headless service’s secrets', () => {
  it('come from the environment first, then from the keychain', async () => {
    const keychain = new MemorySecretStore({ 'et/password': 'keychain', 'et/username': 'kc-user' });
    const store = headlessSecretStore({ CALL_COURIER_ET_PASSWORD: 'environment' }, keychain);
    expect(await store.get('et', 'password')).toBe('environment');
    expect(await store.get('et', 'username')).toBe('kc-user');
    expect(await store.get('tethr', 'apiSecret')).toBeNull();
  });

  it('are written to and deleted from the keychain, never the environment', async () => {
    const env: Record<string, string | undefined> = {};
    const keychain = new MemorySecretStore();
    const store = headlessSecretStore(env, keychain);
    await store.set('et', 'password', 'typed in the UI');
    expect(keychain.entries()).toEqual(new Map([['et/password', 'typed in the UI']]));
    expect(env).toEqual({});
    expect(await store.get('et', 'password')).toBe('typed in the UI');
    await store.delete('et', 'password');
    expect(await store.get('et', 'password')).toBeNull();
  });

  it('do not touch an unreachable keychain when the environment has the secret', async () => {
    const store = headlessSecretStore({ CALL_COURIER_ET_PASSWORD: 'env' }, unreachableKeychain());
    expect(await store.get('et', 'password')).toBe('env');
  });

  it('report an unreachable keychain in plain words when the environment has nothing', async () => {
    const store = headlessSecretStore({}, unreachableKeychain());
    const failure = store.get('et', 'password');
    await expect(failure).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(failure).rejects.toThrow(
      'the system keychain is not reachable (no D-Bus session: Cannot autolaunch D-Bus without X11 $DISPLAY): ' +
        'on a server without a desktop session, give the secret as the environment variable ' +
        'CALL_COURIER_ET_PASSWORD instead',
    );
  });

  it('describe where they come from, in order', () => {
    const chain = new ChainedSecretStore(
      [new MemorySecretStore(), new KeytarSecretStore()],
      new MemorySecretStore(),
    );
    expect(chain.description).toBe('memory, then the system keychain');
    expect(headlessSecretStore({}).description).toMatch(
      /^the environment .*, then the system keychain$/,
    );
  });
});
