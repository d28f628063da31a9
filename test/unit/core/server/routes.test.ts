import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordingItem, RecordingPage, StatusAnswer } from '../../../../preload/api.ts';
import { recording, InMemoryCourier } from './in-memory-courier.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({
    api: new InMemoryCourier([
      recording(1, { status: 'uploaded', remoteId: 'et-551' }),
      recording(2, { status: 'failed', error: 'mono file: Ender Turing needs stereo' }),
      recording(3),
      recording(4),
    ]),
  });
});
afterEach(() => t.server.close());

describe('the local API routes', () => {
  it('answers the status with counts per state and the profiles', async () => {
    const status = (await t.sendJson('GET', '/api/v1/status')) as StatusAnswer;
    expect(status.state).toBe('running');
    expect(status.counts).toMatchObject({ queued: 2, failed: 1, uploaded: 1, skipped: 0 });
    expect(status.profiles).toEqual([expect.objectContaining({ id: 'et', state: 'active' })]);
  });

  it('lists recordings filtered by status and search, a page at a time', async () => {
    const failed = (await t.sendJson('GET', '/api/v1/recordings?status=failed')) as RecordingPage;
    expect(failed.items.map((r) => r.id)).toEqual([2]);
    expect(failed.items[0]?.error).toBe('mono file: Ender Turing needs stereo');

    const found = (await t.sendJson('GET', '/api/v1/recordings?q=AGENT3')) as RecordingPage;
    expect(found.items.map((r) => r.fileName)).toEqual(['2024-04-01_15-20-00_agent3.wav']);

    const first = (await t.sendJson('GET', '/api/v1/recordings?limit=3')) as RecordingPage;
    expect(first.items.map((r) => r.id)).toEqual([4, 3, 2]);
    const next = (await t.sendJson(
      'GET',
      `/api/v1/recordings?limit=3&cursor=${first.nextCursor}`,
    )) as RecordingPage;
    expect(next).toEqual({ items: [expect.objectContaining({ id: 1 })], nextCursor: null });
  });

  it('refuses an unknown status, naming the valid ones', async () => {
    const answer = await t.send('GET', '/api/v1/recordings?status=lost');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toBe(
      'unknown status "lost": use one of queued, uploading, retrying, uploaded, processed, failed, skipped',
    );
  });

  it.each(['0', '501', '2.5', 'ten'])('refuses a page size of %s', async (limit) => {
    const answer = await t.send('GET', `/api/v1/recordings?limit=${limit}`);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toBe('limit must be a whole number from 1 to 500');
  });

  it('queues a recording handed over by path, and answers its rows', async () => {
    const path = '/var/spool/asterisk/monitor/2024/04/01/call.wav';
    const answer = await t.send('POST', '/api/v1/recordings', { json: { path } });
    expect(answer.status).toBe(201);
    const { items } = JSON.parse(answer.text) as { items: RecordingItem[] };
    expect(items).toEqual([expect.objectContaining({ path, fileName: 'call.wav' })]);
    expect(t.api.recordings.map((r) => r.path)).toContain(path);
  });

  it('refuses a hand-over without a path, and one outside the watch folders, saying why', async () => {
    const empty = await t.send('POST', '/api/v1/recordings', { json: {} });
    expect(empty.status).toBe(400);
    expect(JSON.parse(empty.text).error).toContain('{"path":');
    const outside = await t.send('POST', '/api/v1/recordings', { json: { path: '/tmp/x.wav' } });
    expect(outside.status).toBe(400);
    expect(JSON.parse(outside.text).error).toBe('/tmp/x.wav is not inside a watch folder');
  });

  it('retries a failed recording and answers it queued again', async () => {
    const item = (await t.sendJson('POST', '/api/v1/recordings/2/retry')) as RecordingItem;
    expect(item).toMatchObject({ id: 2, status: 'queued', error: null });
    expect(t.api.recordings.find((r) => r.id === 2)?.status).toBe('queued');
  });

  it('skips a queued recording and answers it skipped', async () => {
    const item = (await t.sendJson('POST', '/api/v1/recordings/3/skip')) as RecordingItem;
    expect(item).toMatchObject({ id: 3, status: 'skipped' });
  });

  it('answers 404 with the plain reason for a recording that does not exist', async () => {
    const answer = await t.send('POST', '/api/v1/recordings/99/skip');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual({ error: 'no recording 99' });
  });

  it('refuses a recording id that is not a number', async () => {
    const answer = await t.send('POST', '/api/v1/recordings/abc/retry');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toContain('ids are whole numbers');
  });

  it('pauses and resumes delivery', async () => {
    expect((await t.send('POST', '/api/v1/pause')).status).toBe(204);
    expect(t.api.state).toBe('paused');
    expect((await t.send('POST', '/api/v1/resume')).status).toBe(204);
    expect(t.api.state).toBe('running');
  });

  it('answers the stored settings and applies new ones', async () => {
    expect(await t.sendJson('GET', '/api/v1/settings')).toEqual(t.api.settings);
    const settings = { watch: [], profiles: [{ id: 'tethr', connector: 'tethr' }] };
    const answer = await t.send('PUT', '/api/v1/settings', { json: settings });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ ok: true });
    expect(t.api.settings).toEqual(settings);
  });

  it('passes refused settings back as 422 with every error, changing nothing', async () => {
    const before = t.api.settings;
    const answer = await t.send('PUT', '/api/v1/settings', {
      json: { profiles: [{ connector: 'tethr' }] },
    });
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.text)).toEqual({
      ok: false,
      errors: [{ path: 'profiles[0].id', message: 'is required' }],
    });
    expect(t.api.settings).toBe(before);
  });

  it('says where malformed settings JSON goes wrong', async () => {
    const answer = await t.send('PUT', '/api/v1/settings', {
      body: '{\n  "profiles": [,]\n}',
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error).toMatch(/^the body is not valid JSON: line 2, column/);
  });

  it('tests a profile connection and answers the result in plain words', async () => {
    expect(await t.sendJson('POST', '/api/v1/profiles/et/test')).toEqual({
      ok: false,
      message: 'no password is stored for et',
    });
    const unknown = await t.send('POST', '/api/v1/profiles/nope/test');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({ error: 'no profile nope' });
  });

  it('serves Prometheus text at /metrics', async () => {
    const answer = await t.send('GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(answer.text).toContain('courier_recordings{status="queued"} 3');
  });

  it('answers unknown addresses with 404 and wrong methods with 405 and Allow', async () => {
    const missing = await t.send('GET', '/api/v1/nothing');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text)).toEqual({ error: 'there is nothing at this address' });

    const wrong = await t.send('DELETE', '/api/v1/settings');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, PUT');
  });

  it('logs one line per request with method, path and status', async () => {
    await t.send('GET', '/api/v1/status');
    await t.send('POST', '/api/v1/recordings/99/retry');
    expect(t.logs).toEqual([
      'GET /api/v1/status 200',
      'POST /api/v1/recordings/99/retry 404: no recording 99',
    ]);
  });
});
