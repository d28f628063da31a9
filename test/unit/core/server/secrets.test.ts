import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

const SECRET = 'hunter2-Sup3r$ecret';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.server.close());

describe('write-only secrets', () => {
  it('stores a secret sent as JSON and answers nothing back', async () => {
    const answer = await t.send('PUT', '/api/v1/secrets/et/password', { json: { value: SECRET } });
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
    expect(t.api.secrets.get('et/password')).toBe(SECRET);
    expect(await t.sendJson('POST', '/api/v1/profiles/et/test')).toEqual({
      ok: true,
      message: 'Signed in to Ender Turing',
    });
  });

  it('stores a secret sent as text, without the line break echo adds', async () => {
    const answer = await t.send('PUT', '/api/v1/secrets/et/password', {
      body: `${SECRET}\n`,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    expect(answer.status).toBe(204);
    expect(t.api.secrets.get('et/password')).toBe(SECRET);
  });

  it('decodes profile and field names from the address', async () => {
    t.api.settings = { profiles: [{ id: 'et office', connector: 'enderturing' }] };
    await t.send('PUT', '/api/v1/secrets/et%20office/client%2Fsecret', { json: { value: SECRET } });
    expect([...t.api.secrets.keys()]).toEqual(['et office/client/secret']);
  });

  it('has no way to read a secret back', async () => {
    await t.send('PUT', '/api/v1/secrets/et/password', { json: { value: SECRET } });
    const answer = await t.send('GET', '/api/v1/secrets/et/password');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('PUT');
    expect(answer.text).not.toContain(SECRET);
  });

  it('puts the value in no answer and no log line, even when it is refused', async () => {
    const answers = [
      await t.send('PUT', '/api/v1/secrets/et/password', { json: { value: SECRET } }),
      await t.send('PUT', '/api/v1/secrets/nope/password', { json: { value: SECRET } }),
      await t.send('PUT', '/api/v1/secrets/et/password', { json: { secret: SECRET } }),
      await t.send('PUT', '/api/v1/secrets/et/password', {
        body: `{"value": "${SECRET}"`,
        headers: { 'content-type': 'application/json' },
      }),
      await t.send('PUT', '/api/v1/secrets/et/password', {
        body: SECRET,
        headers: { 'content-type': 'application/octet-stream' },
      }),
      await t.send('PUT', '/api/v1/secrets/et/password', {
        json: { value: SECRET },
        headers: { origin: 'https://evil.example' },
      }),
    ];
    expect(answers.map((a) => a.status)).toEqual([204, 404, 400, 400, 415, 403]);
    for (const answer of answers) {
      expect(answer.text).not.toContain(SECRET);
      expect(JSON.stringify(answer.headers)).not.toContain(SECRET);
    }
    expect(t.logs).toHaveLength(answers.length);
    expect(t.logs.join('\n')).not.toContain(SECRET);
  });

  it('refuses a text secret from another site as it refuses JSON', async () => {
    const answer = await t.send('PUT', '/api/v1/secrets/et/password', {
      body: SECRET,
      headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site' },
    });
    expect(answer.status).toBe(403);
    expect(t.api.secrets.size).toBe(0);
  });

  it('refuses an empty secret', async () => {
    const answer = await t.send('PUT', '/api/v1/secrets/et/password', { json: { value: '' } });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ error: 'the secret is empty' });
  });
});
