import { describe, expect, it } from 'vitest';
import {
  KeychainUnavailableError,
  keychainReason,
} from '../../../../main/core/secrets/keychain-unavailable-error.ts';
import {
  KEYCHAIN_SERVICE,
  KeytarSecretStore,
  type KeytarApi,
} from '../../../../main/core/secrets/keytar-secret-store.ts';

/** A keytar stand-in that keeps passwords in a map and counts how often it was loaded. */
function fakeKeytar() {
  const saved = new Map<string, string>();
  const keytar: KeytarApi = {
    getPassword: async (service, account) => saved.get(`${service}|${account}`) ?? null,
    setPassword: async (service, account, password) => {
      saved.set(`${service}|${account}`, password);
    },
    deletePassword: async (service, account) => saved.delete(`${service}|${account}`),
  };
  const loader = { loads: 0, load: async () => (loader.loads++, keytar) };
  return { saved, loader };
}

const failingWith = (message: string) => () =>
  new KeytarSecretStore({
    load: async () => {
      throw new Error(message);
    },
  });

describe('the keychain store', () => {
  it('files secrets under service call-courier, account profile/field', async () => {
    const { saved, loader } = fakeKeytar();
    const store = new KeytarSecretStore({ load: loader.load });
    await store.set('office-et', 'password', 's3cret');
    expect(KEYCHAIN_SERVICE).toBe('call-courier');
    expect([...saved]).toEqual([['call-courier|office-et/password', 's3cret']]);
    expect(await store.get('office-et', 'password')).toBe('s3cret');
    await store.delete('office-et', 'password');
    expect(await store.get('office-et', 'password')).toBeNull();
  });

  it('loads keytar only when the keychain is first used, and once', async () => {
    const { loader } = fakeKeytar();
    const store = new KeytarSecretStore({ load: loader.load });
    expect(loader.loads).toBe(0);
    await store.get('et', 'password');
    await store.get('et', 'password');
    expect(loader.loads).toBe(1);
  });

  it('refuses an empty secret and a profile id that would make the account ambiguous', async () => {
    const { saved, loader } = fakeKeytar();
    const store = new KeytarSecretStore({ load: loader.load });
    await expect(store.set('et', 'password', '')).rejects.toThrow(/empty secret/);
    await expect(store.set('et/x', 'password', 'v')).rejects.toThrow(/profile id "et\/x"/);
    expect(saved.size).toBe(0);
  });

  it.each([
    [
      'no D-Bus session',
      'Cannot autolaunch D-Bus without X11 $DISPLAY',
      'no D-Bus session: Cannot autolaunch D-Bus without X11 $DISPLAY',
    ],
    [
      'a D-Bus address that leads nowhere',
      'Could not connect: No such file or directory',
      'no D-Bus session: Could not connect: No such file or directory',
    ],
    [
      'a keyring that was never unlocked',
      'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
      'the keyring is locked or has not been set up: Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    ],
    [
      'no keyring service',
      'The name org.freedesktop.secrets was not provided by any .service files',
      'no keyring service such as gnome-keyring is running: The name org.freedesktop.secrets was not provided by any .service files',
    ],
    [
      'libsecret missing',
      'libsecret-1.so.0: cannot open shared object file: No such file or directory',
      'libsecret or the keytar module could not be loaded: libsecret-1.so.0: cannot open shared object file: No such file or directory',
    ],
  ])('explains %s in plain words and names the environment variable', async (_, said, reason) => {
    const store = failingWith(said)();
    const failure = store.set('et', 'password', 'never shown');
    await expect(failure).rejects.toBeInstanceOf(KeychainUnavailableError);
    await expect(failure).rejects.toThrow(
      `the system keychain is not reachable (${reason}): on a server without a desktop session, ` +
        'give the secret as the environment variable CALL_COURIER_ET_PASSWORD instead',
    );
    await expect(failure).rejects.toMatchObject({ envName: 'CALL_COURIER_ET_PASSWORD' });
  });

  it('keeps only the first line of what the library said', () => {
    expect(keychainReason(new Error("Cannot find module 'keytar'\nRequire stack:\n- /x"))).toBe(
      "libsecret or the keytar module could not be loaded: Cannot find module 'keytar'",
    );
    expect(keychainReason(new Error('something new'))).toBe('something new');
  });
});
