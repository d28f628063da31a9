import { describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-secret-store.ts';

describe('the in-memory secret store for tests', () => {
  it('starts with the given secrets and behaves like a keychain', async () => {
    const store = new MemorySecretStore({ 'et/password': 'given' });
    expect(await store.get('et', 'password')).toBe('given');
    await store.set('et', 'password', 'changed');
    await store.set('tethr', 'apiSecret', 'other');
    expect(store.entries()).toEqual(
      new Map([
        ['et/password', 'changed'],
        ['tethr/apiSecret', 'other'],
      ]),
    );
    await store.delete('et', 'password');
    expect(await store.get('et', 'password')).toBeNull();
    await expect(store.set('et', 'password', '')).rejects.toThrow(/empty secret/);
  });
});
