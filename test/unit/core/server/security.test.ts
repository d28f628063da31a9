import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, TOKEN, type TestServer } from './test-server.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.server.close());

describe('who may call the local API', () => {
  it.each([
    ['GET', '/api/v1/status'],
    ['GET', '/api/v1/recordings'],
    ['POST', '/api/v1/pause'],
    ['GET', '/api/v1/settings'],
    ['GET', '/api/v1/events'],
    ['GET', '/metrics'],
  ])('refuses %s %s without a token, asking for a bearer token', async (method, path) => {
    const answer = await t.send(method, path, { token: null });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(JSON.parse(answer.text)).toEqual({
      error: 'an access token is required (Authorization: Bearer …)',
    });
    expect(t.api.state).toBe('running');
  });

  it('refuses a wrong token, and one that only starts like the right one', async () => {
    for (const token of ['wrong', TOKEN.slice(0, -1), `${TOKEN}x`]) {
      const answer = await t.send('GET', '/api/v1/status', { token });
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toContain('error="invalid_token"');
      expect(JSON.parse(answer.text)).toEqual({ error: 'the access token is wrong' });
    }
  });

  it('never takes the token from the query, not even for the event stream', async () => {
    const status = await t.send('GET', `/api/v1/status?token=${TOKEN}`, { token: null });
    expect(status.status).toBe(401);
    expect(JSON.parse(status.text)).toEqual({
      error: 'a token in the address is refused: send it as Authorization: Bearer …',
    });
    const events = await t.openEvents(`/api/v1/events?token=${TOKEN}`);
    expect(events.status).toBe(401);
    events.close();
  });

  it('never writes the token or the query into the log', async () => {
    const refused = await t.openEvents(`/api/v1/events?token=${TOKEN}`);
    refused.close();
    const events = await t.openEvents();
    events.close();
    await t.send('GET', '/api/v1/status');
    expect(t.logs.join('\n')).not.toContain(TOKEN);
    expect(t.logs).toContain('GET /api/v1/events 200');
  });
});

describe('the DNS-rebinding guard', () => {
  it('refuses a foreign Host header before asking for the token', async () => {
    const port = t.server.port;
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, '127.0.0.1:1']) {
      const answer = await t.send('GET', '/api/v1/status', { headers: { host } });
      expect(answer.status).toBe(421);
      expect(JSON.parse(answer.text)).toEqual({
        error: `this server does not answer to the host name "${host}"`,
      });
    }
    const unauthenticated = await t.send('GET', '/api/v1/status', {
      token: null,
      headers: { host: `evil.example:${port}` },
    });
    expect(unauthenticated.status).toBe(421);
  });

  it('answers to the loopback names it listens as', async () => {
    const port = t.server.port;
    for (const host of [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `LOCALHOST:${port}`,
      `[::1]:${port}`,
    ]) {
      expect((await t.send('GET', '/api/v1/status', { headers: { host } })).status).toBe(200);
    }
  });

  it('guards the UI page too', async () => {
    const answer = await t.send('GET', '/', { headers: { host: 'evil.example' } });
    expect(answer.status).toBe(421);
  });
});

describe('cross-site requests', () => {
  it('refuses a write from another origin even with the right token', async () => {
    const answer = await t.send('POST', '/api/v1/pause', {
      headers: { origin: 'https://evil.example' },
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text)).toEqual({
      error: 'requests from https://evil.example are refused',
    });
    expect(t.api.state).toBe('running');

    expect((await t.send('POST', '/api/v1/pause')).status).toBe(204);
    expect(t.api.state).toBe('paused');
  });

  it('accepts a write from its own origin', async () => {
    const answer = await t.send('POST', '/api/v1/pause', {
      headers: { origin: t.server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(answer.status).toBe(204);
  });

  it.each(['cross-site', 'same-site'])(
    'refuses a write marked Sec-Fetch-Site: %s',
    async (site) => {
      const answer = await t.send('PUT', '/api/v1/settings', {
        json: { profiles: [] },
        headers: { 'sec-fetch-site': site },
      });
      expect(answer.status).toBe(403);
      expect(t.api.settings).not.toEqual({ profiles: [] });
    },
  );

  it('refuses a write whose origin is "null" (sandboxed frames, file pages)', async () => {
    const answer = await t.send('POST', '/api/v1/resume', { headers: { origin: 'null' } });
    expect(answer.status).toBe(403);
  });

  it('answers preflights with 405 and no CORS headers', async () => {
    const answer = await t.send('OPTIONS', '/api/v1/settings', {
      token: null,
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, PUT');
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('sends no CORS headers on ordinary answers either', async () => {
    const answer = await t.send('GET', '/api/v1/status', {
      headers: { origin: 'https://evil.example' },
    });
    expect(Object.keys(answer.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('refuses a settings body that is not sent as JSON', async () => {
    const answer = await t.send('PUT', '/api/v1/settings', {
      body: JSON.stringify({ profiles: [] }),
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.text)).toEqual({
      error: 'send the body with Content-Type: application/json',
    });
  });

  it('refuses a form post to a state-changing address', async () => {
    const answer = await t.send('POST', '/api/v1/pause', {
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(415);
    expect(t.api.state).toBe('running');
  });
});

describe('malformed and oversized requests', () => {
  it('refuses a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ profiles: [], padding: 'x'.repeat(1024 * 1024) });
    const answer = await t.send('PUT', '/api/v1/settings', {
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error).toBe('the request body is larger than 1048576 bytes');
  });

  it('keeps working after refusing an oversized body', async () => {
    await t.send('PUT', '/api/v1/settings', {
      body: 'x'.repeat(2 * 1024 * 1024),
      headers: { 'content-type': 'application/json' },
    });
    expect((await t.send('GET', '/api/v1/status')).status).toBe(200);
  });

  it('refuses an oversized body sent in chunks, without a declared length', async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x20));
    const answer = await request(`${t.server.url}/api/v1/settings`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: Readable.from(chunks),
    });
    expect(answer.statusCode).toBe(413);
    expect(await answer.body.json()).toEqual({
      error: 'the request body is larger than 1048576 bytes',
    });
    expect((await t.send('GET', '/api/v1/status')).status).toBe(200);
  });

  it('does not resolve double slashes to another host', async () => {
    const answer = await t.send('GET', '//evil.example/api/v1/status');
    expect(answer.status).toBe(404);
  });
});
