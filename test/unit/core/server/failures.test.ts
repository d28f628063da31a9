import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFailure } from '../../../../main/core/server/api-errors.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.server.close());

describe('when the service fails', () => {
  it('answers 500 with the message and keeps serving', async () => {
    vi.spyOn(t.api, 'status').mockRejectedValueOnce(new Error('the queue database is locked'));
    const failed = await t.send('GET', '/api/v1/status');
    expect(failed.status).toBe(500);
    expect(JSON.parse(failed.text)).toEqual({ error: 'the queue database is locked' });
    expect(t.logs).toEqual(['GET /api/v1/status 500: the queue database is locked']);

    expect((await t.send('GET', '/api/v1/status')).status).toBe(200);
  });

  it('survives a method that throws instead of rejecting', async () => {
    vi.spyOn(t.api, 'getSettings').mockImplementationOnce(() => {
      throw new TypeError('settings are not loaded');
    });
    expect((await t.send('GET', '/api/v1/settings')).status).toBe(500);
    expect((await t.send('GET', '/api/v1/settings')).status).toBe(200);
  });

  it('answers 500 when the metrics cannot be gathered', async () => {
    const broken = await startTestServer({
      metrics: () => Promise.reject(new Error('the queue database is closed')),
    });
    const answer = await broken.send('GET', '/metrics');
    await broken.server.close();
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({ error: 'the queue database is closed' });
  });

  it('answers 500 when the event stream cannot subscribe, and sends no stream', async () => {
    vi.spyOn(t.api, 'onEvent').mockImplementationOnce(() => {
      throw new Error('events are not ready');
    });
    const answer = await t.send('GET', '/api/v1/events');
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.text)).toEqual({ error: 'events are not ready' });
  });

  it('answers a refusal that carries its own 4xx status with that status', () => {
    const conflict = Object.assign(new Error('recording 4 is uploading now'), { statusCode: 409 });
    expect(apiFailure(conflict)).toMatchObject({
      status: 409,
      message: 'recording 4 is uploading now',
    });
    expect(apiFailure(new Error('no profile et'))).toMatchObject({ status: 404 });
    expect(apiFailure('odd')).toMatchObject({ status: 500, message: 'odd' });
  });
});
