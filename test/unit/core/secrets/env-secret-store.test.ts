import { describe, expect, it } from 'vitest';
import { EnvSecretStore, secretEnvName } from '../../../../main/core/secrets/env-secret-store.ts';

describe('secrets in the environment', () => {
  it('are named CALL_COURIER_<PROFILE>_<FIELD> in upper snake case', () => {
    expect(secretEnvName('et', 'password')).toBe('CALL_COURIER_ET_PASSWORD');
    expect(secretEnvName('et', 'clientSecret')).toBe('CALL_COURIER_ET_CLIENT_SECRET');
    expect(secretEnvName('office-et', 'password')).toBe('CALL_COURIER_OFFICE_ET_PASSWORD');
    expect(secretEnvName('tethr_eu', 'apiSecret')).toBe('CALL_COURIER_TETHR_EU_API_SECRET');
    expect(secretEnvName('Site2', 'privateKey')).toBe('CALL_COURIER_SITE2_PRIVATE_KEY');
    expect(secretEnvName('et', 'APIKey')).toBe('CALL_COURIER_ET_API_KEY');
  });

  it('are read from the variable of the profile and field', async () => {
    const store = new EnvSecretStore({
      CALL_COURIER_OFFICE_ET_CLIENT_SECRET: 'from the environment',
      CALL_COURIER_ET_PASSWORD: '',
    });
    expect(await store.get('office-et', 'clientSecret')).toBe('from the environment');
    expect(await store.get('et', 'clientSecret')).toBeNull();
    // An empty variable is no secret, not an empty password.
    expect(await store.get('et', 'password')).toBeNull();
  });

  it('are read when asked, so a variable set after start-up is seen', async () => {
    const env: Record<string, string | undefined> = {};
    const store = new EnvSecretStore(env);
    expect(await store.get('et', 'password')).toBeNull();
    env.CALL_COURIER_ET_PASSWORD = 'late';
    expect(await store.get('et', 'password')).toBe('late');
  });

  it('cannot be written or deleted, and say where to put the secret instead', async () => {
    const store = new EnvSecretStore({ CALL_COURIER_ET_PASSWORD: 'kept' });
    await expect(store.set('et', 'password', 'new')).rejects.toThrow(
      /read-only: change CALL_COURIER_ET_PASSWORD .*`call-courier secret set et password`/,
    );
    await expect(store.delete('et', 'password')).rejects.toThrow(/read-only/);
    expect(await store.get('et', 'password')).toBe('kept');
  });

  it('refuse a misspelled profile or field rather than guess a variable', async () => {
    const store = new EnvSecretStore({});
    await expect(store.get('et/x', 'password')).rejects.toThrow(/profile id "et\/x" must be/);
    await expect(store.get('et', 'pass word')).rejects.toThrow(/field name "pass word" must be/);
  });
});
