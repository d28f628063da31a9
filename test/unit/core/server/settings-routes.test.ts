import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONNECTORS } from '../../../../main/core/connectors/registry.ts';
import type { ConnectorInfo, NamePreview, PresetInfo } from '../../../../preload/api.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const SECRET = 'hunter2-Sup3r$ecret';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.server.close());

describe('what the settings form asks of the local API', () => {
  it('lists every platform with its settings, the password marked secret', async () => {
    const connectors = (await t.sendJson('GET', '/api/v1/connectors')) as ConnectorInfo[];
    expect(connectors.map((c) => c.id)).toEqual(CONNECTORS.map((c) => c.id));
    const et = connectors[0];
    expect(et).toMatchObject({
      label: 'Ender Turing',
      capabilities: { formats: 'WAV, MP3 and Ogg/Opus', requiresStereo: true },
    });
    expect(et?.options.find((o) => o.name === 'baseUrl')).toMatchObject({
      label: 'Server address',
      type: 'url',
      required: true,
    });
    expect(et?.options.find((o) => o.name === 'password')).toMatchObject({
      label: 'Password',
      secret: true,
    });
  });

  it('lists the name presets with a sample name each', async () => {
    const presets = (await t.sendJson('GET', '/api/v1/presets')) as PresetInfo[];
    expect(presets.map((p) => [p.id, p.label])).toEqual([
      ['3cx', '3CX'],
      ['freepbx', 'FreePBX'],
      ['enderturing', 'Ender Turing'],
    ]);
  });

  it('previews what a folder template reads from a sample name, in the folder time zone', async () => {
    const preview = (await t.sendJson('POST', '/api/v1/name-preview', {
      json: {
        fileName: '20240701_1520_Agent7_5551234_IN.wav',
        naming: {
          template: '{date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}_{direction}',
          timeZone: 'Europe/Kyiv',
        },
      },
    })) as NamePreview;
    expect(preview).toEqual({
      metadata: {
        startTime: '2024-07-01T15:20:00+03:00',
        agentId: 'Agent7',
        clientId: '5551234',
        direction: 'IN',
      },
      preset: 'template',
      problems: [],
    });
  });

  it('says in plain words why a sample name does not fit the chosen preset', async () => {
    const preview = (await t.sendJson('POST', '/api/v1/name-preview', {
      json: { fileName: 'meeting-notes.wav', naming: { preset: '3cx' } },
    })) as NamePreview;
    expect(preview.metadata).toEqual({});
    expect(preview.preset).toBeNull();
    expect(preview.problems).toEqual([
      expect.stringMatching(/^the name does not follow the 3CX format: /),
    ]);
  });

  it.each([
    [{}, 'fileName'],
    [{ fileName: 7 }, 'fileName: fileName must be text'],
    [{ fileName: 'a.wav', naming: { preset: 3 } }, 'naming.preset: naming.preset must be text'],
  ])('refuses a preview request that is not a name and naming (%j)', async (json, why) => {
    const answer = await t.send('POST', '/api/v1/name-preview', { json });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toContain(why);
  });

  it('says which secrets of a profile are stored, without their values', async () => {
    expect(await t.sendJson('GET', '/api/v1/profiles/et/secrets')).toEqual({ password: false });
    await t.send('PUT', '/api/v1/secrets/et/password', { json: { value: SECRET } });
    const answer = await t.send('GET', '/api/v1/profiles/et/secrets');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ password: true });
    expect(answer.text).not.toContain(SECRET);
  });

  it('answers 404 for the secrets of a profile that does not exist', async () => {
    const answer = await t.send('GET', '/api/v1/profiles/nope/secrets');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({ error: 'no profile nope' });
  });
});
