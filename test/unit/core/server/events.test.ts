import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatEvent } from '../../../../main/core/server/event-stream.ts';
import { recording } from './in-memory-courier.ts';
import { startTestServer, type TestServer } from './test-server.ts';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  vi.useRealTimers();
  await t.server.close();
});

describe('the event stream', () => {
  it('delivers an event the API announces after the client subscribed', async () => {
    const events = await t.openEvents();
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await events.waitFor(': connected\n\n');

    const item = recording(7, { status: 'uploaded', remoteId: 'et-9' });
    t.api.emit({ type: 'recording', item });
    t.api.emit({ type: 'progress', id: 8, sentBytes: 512, sizeBytes: 1024 });
    await events.waitFor('event: progress');
    expect(events.received()).toContain(
      `event: recording\ndata: ${JSON.stringify({ type: 'recording', item })}\n\n`,
    );
    expect(events.received()).toContain(
      'event: progress\ndata: {"type":"progress","id":8,"sentBytes":512,"sizeBytes":1024}\n\n',
    );
    events.close();
  });

  it('announces what a call through the API changed', async () => {
    const events = await t.openEvents();
    await events.waitFor(': connected');
    await t.send('POST', '/api/v1/pause');
    await events.waitFor('event: status');
    expect(events.received()).toContain('"state":"paused"');
    events.close();
  });

  it('unsubscribes from the API when the client disconnects', async () => {
    const first = await t.openEvents();
    const second = await t.openEvents();
    await first.waitFor(': connected');
    await second.waitFor(': connected');
    expect(t.api.listenerCount).toBe(2);

    first.close();
    await vi.waitFor(() => expect(t.api.listenerCount).toBe(1));
    second.close();
    await vi.waitFor(() => expect(t.api.listenerCount).toBe(0));
  });

  it('sends a comment heartbeat every 15 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const events = await t.openEvents();
    await events.waitFor(': connected');
    vi.advanceTimersByTime(15_000);
    await events.waitFor(': heartbeat\n\n');
    events.close();
  });

  it('ends open streams and unsubscribes when the server closes', async () => {
    const events = await t.openEvents();
    await events.waitFor(': connected');
    await t.server.close();
    expect(t.api.listenerCount).toBe(0);
  });

  it('writes each event as one event line and one JSON data line', () => {
    const text = formatEvent({ type: 'progress', id: 1, sentBytes: 0, sizeBytes: 10 });
    expect(text.split('\n')).toEqual([
      'event: progress',
      'data: {"type":"progress","id":1,"sentBytes":0,"sizeBytes":10}',
      '',
      '',
    ]);
  });
});
