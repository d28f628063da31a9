import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectorInfo, NamePreview } from '../../../preload/api.ts';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { startHttpRig, type HttpRig } from './api-fixture.ts';

let rig: HttpRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const TETHR_SECRET = 'tethr-Cl13nt$ecret';

describe('what the settings window asks of `call-courier run`', () => {
  it('tells which secrets a new destination still needs, and never answers a value', async () => {
    rig = await startHttpRig('secrets-stored');
    expect((await rig.call('GET', '/api/v1/profiles/et/secrets')).json()).toEqual({
      password: true,
    });

    const settings = (await rig.call('GET', '/api/v1/settings')).json() as {
      profiles: unknown[];
    };
    const tethr = {
      id: 'tethr',
      connector: 'tethr',
      options: { baseUrl: 'https://acme.tethr.io', clientId: 'courier' },
    };
    const saved = await rig.call('PUT', '/api/v1/settings', {
      json: { ...settings, profiles: [...settings.profiles, tethr] },
    });
    expect(saved.status).toBe(200);
    expect((await rig.call('GET', '/api/v1/profiles/tethr/secrets')).json()).toEqual({
      clientSecret: false,
    });

    const put = await rig.call('PUT', '/api/v1/secrets/tethr/clientSecret', {
      json: { value: TETHR_SECRET },
    });
    expect(put.status).toBe(204);
    expect((await rig.call('GET', '/api/v1/profiles/tethr/secrets')).json()).toEqual({
      clientSecret: true,
    });
    expect(rig.answers.join('\n')).not.toContain(TETHR_SECRET);
    expect(rig.answers.join('\n')).not.toContain(DEFAULT_USER.password);
  });

  it('describes every platform and previews a folder naming, reading no file', async () => {
    rig = await startHttpRig('naming');
    const connectors = (await rig.call('GET', '/api/v1/connectors')).json() as ConnectorInfo[];
    expect(connectors.find((c) => c.id === 'enderturing')?.options.map((o) => o.name)).toEqual(
      expect.arrayContaining(['baseUrl', 'username', 'password']),
    );
    const answer = await rig.call('POST', '/api/v1/name-preview', {
      json: { fileName: 'out-5551234-101-20240401-152000-1711985000.42.wav', naming: {} },
    });
    expect(answer.status).toBe(200);
    const preview = answer.json() as NamePreview;
    expect(preview).toMatchObject({
      preset: 'freepbx',
      metadata: { startTime: '2024-04-01T15:20:00Z', direction: 'OUT' },
      problems: [],
    });
  });
});
