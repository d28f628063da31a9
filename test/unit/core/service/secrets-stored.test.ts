import { describe, expect, it } from 'vitest';
import { findConnector } from '../../../../main/core/connectors/registry.ts';
import { MemorySecretStore } from '../../../../main/core/secrets/memory-secret-store.ts';
import { secretsStored } from '../../../../main/core/service/secrets-stored.ts';

describe('which secrets of a profile are stored', () => {
  it('names every secret field of the platform, true only where a value is stored', async () => {
    const store = new MemorySecretStore({ 'api/token': 'tok-123', 'other/password': 'pw' });
    const stored = await secretsStored(store, 'api', findConnector('http'));
    expect(stored).toEqual({ password: false, token: true, clientSecret: false, apiKey: false });
    expect(JSON.stringify(stored)).not.toContain('tok-123');
  });

  it('has nothing to say for a platform without secrets or an unknown one', async () => {
    expect(await secretsStored(new MemorySecretStore(), 'x', undefined)).toEqual({});
  });
});
