import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { startHttpRig, type ApiAnswer, type HttpRig } from './api-fixture.ts';

let rig: HttpRig;
const answers: ApiAnswer[] = [];
beforeAll(async () => {
  rig = await startHttpRig('guards');
});
afterAll(() => rig.stop());

/** A request to the running `call-courier run`, kept for the CORS check at the end. */
async function call(...args: Parameters<HttpRig['call']>): Promise<ApiAnswer> {
  const answer = await rig.call(...args);
  answers.push(answer);
  return answer;
}

const state = async () => ((await call('GET', '/api/v1/status')).json() as { state: string }).state;
const port = () => new URL(rig.running.url).port;

describe('who the local API of `call-courier run` answers', () => {
  it.each([
    ['GET', '/api/v1/status'],
    ['GET', '/api/v1/recordings'],
    ['GET', '/api/v1/settings'],
    ['GET', '/api/v1/events'],
    ['GET', '/metrics'],
    ['POST', '/api/v1/pause'],
    ['POST', '/api/v1/profiles/et/test'],
  ])('refuses %s %s without the access token, or with a wrong one (401)', async (method, path) => {
    const missing = await call(method, path, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer /);
    const wrong = await call(method, path, { token: `${rig.running.token}x` });
    expect(wrong.status).toBe(401);
    expect(wrong.json()).toEqual({ error: 'the access token is wrong' });
    expect(await state()).toBe('running');
  });

  it('refuses a secret put without the token, and keeps the one it has', async () => {
    const answer = await call('PUT', '/api/v1/secrets/et/password', {
      token: null,
      json: { value: 'planted by a stranger' },
    });
    expect(answer.status).toBe(401);
    expect(await rig.secrets.get('et', 'password')).toBe(DEFAULT_USER.password);
  });

  it('refuses a Host header it does not listen as (DNS rebinding), even with the token (421)', async () => {
    for (const host of [`evil.example:${port()}`, `127.0.0.1.evil.example:${port()}`]) {
      const answer = await call('GET', '/api/v1/status', { headers: { host } });
      expect(answer.status).toBe(421);
      expect(answer.json()).toEqual({
        error: `this server does not answer to the host name "${host}"`,
      });
    }
    expect(
      (await call('GET', '/api/v1/status', { headers: { host: `localhost:${port()}` } })).status,
    ).toBe(200);
  });

  it('refuses writes a browser sends on behalf of another site (403), and changes nothing', async () => {
    const settingsBefore = (await call('GET', '/api/v1/settings')).text;
    const fromOrigin = await call('POST', '/api/v1/pause', {
      headers: { origin: 'https://evil.example' },
    });
    expect(fromOrigin.status).toBe(403);
    expect(fromOrigin.json()).toEqual({ error: 'requests from https://evil.example are refused' });
    const crossSite = await call('PUT', '/api/v1/settings', {
      json: { watch: [], profiles: [] },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
    const secret = await call('PUT', '/api/v1/secrets/et/password', {
      json: { value: 'planted by a page' },
      headers: { 'sec-fetch-site': 'same-site' },
    });
    expect(secret.status).toBe(403);
    expect(await state()).toBe('running');
    expect((await call('GET', '/api/v1/settings')).text).toBe(settingsBefore);
    expect(await rig.secrets.get('et', 'password')).toBe(DEFAULT_USER.password);

    // Its own pages may write.
    const own = await call('POST', '/api/v1/pause', {
      headers: { origin: `http://127.0.0.1:${port()}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(204);
    expect(await state()).toBe('paused');
    expect((await call('POST', '/api/v1/resume')).status).toBe(204);
  });

  it('grants no cross-origin access: preflights are refused and no answer carries CORS headers', async () => {
    const preflight = await call('OPTIONS', '/api/v1/settings', {
      token: null,
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(405);
    await call('GET', '/api/v1/status', { headers: { origin: 'https://evil.example' } });
    expect(answers.length).toBeGreaterThan(20);
    for (const answer of answers) {
      const cors = Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'));
      expect(cors).toEqual([]);
    }
  });
});
