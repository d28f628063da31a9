import { describe, expect, it } from 'vitest';
import type { SettingsUpdate } from '../../../preload/api.ts';
import { saveWithSecrets } from '../../../renderer/src/views/settings/save-settings.ts';

/** A service that refuses settings without profiles and a keychain that is locked for `locked`. */
function fakeService(locked = '') {
  const calls: string[] = [];
  return {
    calls,
    putSettings: async (settings: unknown): Promise<SettingsUpdate> => {
      calls.push('putSettings');
      return Array.isArray((settings as { profiles?: unknown }).profiles)
        ? { ok: true }
        : { ok: false, errors: [{ path: 'profiles', message: 'is required' }] };
    },
    setSecret: async (profile: string, field: string) => {
      calls.push(`setSecret ${profile}/${field}`);
      if (`${profile}/${field}` === locked) throw new Error('the system keychain is locked');
    },
  };
}

const DRAFT = {
  profiles: [
    { id: 'et', connector: 'enderturing' },
    { id: 'tethr', connector: 'tethr' },
  ],
};

describe('saving the settings with the secrets typed', () => {
  it('saves the settings first, then each secret under the destination id as saved', async () => {
    const service = fakeService();
    const outcome = await saveWithSecrets(service, DRAFT, ['k1', 'k2'], {
      k1: { password: 'pw' },
      k2: { clientSecret: 'cs', unused: '' },
    });
    expect(outcome).toEqual({ kind: 'saved', secretErrors: {}, stillPending: {} });
    expect(service.calls).toEqual([
      'putSettings',
      'setSecret et/password',
      'setSecret tethr/clientSecret',
    ]);
  });

  it('stores no secret when the settings are refused', async () => {
    const service = fakeService();
    const outcome = await saveWithSecrets(service, {}, ['k1'], { k1: { password: 'pw' } });
    expect(outcome).toEqual({
      kind: 'refused',
      errors: [{ path: 'profiles', message: 'is required' }],
    });
    expect(service.calls).toEqual(['putSettings']);
  });

  it('keeps a secret that could not be stored, with the reason, to try again', async () => {
    const service = fakeService('tethr/clientSecret');
    const outcome = await saveWithSecrets(service, DRAFT, ['k1', 'k2'], {
      k1: { password: 'pw' },
      k2: { clientSecret: 'cs' },
    });
    expect(outcome).toEqual({
      kind: 'saved',
      secretErrors: { 'k2/clientSecret': 'The system keychain is locked' },
      stillPending: { k2: { clientSecret: 'cs' } },
    });
  });
});
