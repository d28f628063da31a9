import { afterEach, describe, expect, it } from 'vitest';
import type { CourierEvent } from '../../../preload/api.ts';
import { startApiServer, type ApiServer } from '../../../main/core/server/start-api-server.ts';
import {
  NOT_ANSWERING,
  TOKEN_REFUSED,
  type ApiError,
} from '../../../renderer/src/client/api-error.ts';
import type { LinkState } from '../../../renderer/src/client/event-link.ts';
import { createHttpClient } from '../../../renderer/src/client/http-client.ts';
import { InMemoryCourier, recording } from '../core/server/in-memory-courier.ts';

const TOKEN = 'window-test-token';
let server: ApiServer | undefined;
const disposers: (() => void)[] = [];

afterEach(async () => {
  for (const dispose of disposers.splice(0)) dispose();
  await server?.close();
  server = undefined;
});

/** The real local API on 127.0.0.1 with an in-memory CourierApi, and the window's client for it. */
async function connect(options: { token?: string; api?: InMemoryCourier } = {}) {
  const api = options.api ?? new InMemoryCourier();
  server = await startApiServer({
    api,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    metrics: () => '',
  });
  const { client, link } = createHttpClient({
    baseUrl: server.url,
    token: options.token ?? TOKEN,
  });
  return { api, client, link };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: ApiError) => error,
  );
}

describe('the window’s HTTP client', () => {
  it('pages through the recordings of one status with the cursor the API hands out', async () => {
    const api = new InMemoryCourier(
      [1, 2, 3, 4, 5].map((id) => recording(id, { status: id === 3 ? 'failed' : 'queued' })),
    );
    const { client } = await connect({ api });
    const first = await client.listRecordings({ status: 'queued', limit: 2 });
    expect(first.items.map((r) => r.id)).toEqual([5, 4]);
    const next = await client.listRecordings({
      status: 'queued',
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    expect(next.items.map((r) => r.id)).toEqual([2, 1]);
    expect(next.nextCursor).toBeNull();
  });

  it('searches with q', async () => {
    const api = new InMemoryCourier([recording(1), recording(22)]);
    const { client } = await connect({ api });
    const page = await client.listRecordings({ q: 'agent22' });
    expect(page.items.map((r) => r.id)).toEqual([22]);
  });

  it('pauses and resumes delivery', async () => {
    const { client } = await connect();
    await client.pause();
    expect((await client.status()).state).toBe('paused');
    await client.resume();
    expect((await client.status()).state).toBe('running');
  });

  it('retries and skips, answering the recording as it now is', async () => {
    const api = new InMemoryCourier([
      recording(7, { status: 'failed', error: 'the file is empty' }),
    ]);
    const { client } = await connect({ api });
    expect((await client.retry(7)).status).toBe('queued');
    expect((await client.skip(7)).status).toBe('skipped');
  });

  it('shows the service’s own words when it refuses', async () => {
    const { client } = await connect();
    const missing = await failure(client.retry(99));
    expect(missing.status).toBe(404);
    expect(missing.message).toBe('No recording 99');
  });

  it('answers refused settings with their reasons instead of failing', async () => {
    const { client } = await connect();
    const update = await client.putSettings({ watch: 'not a list' });
    expect(update.ok).toBe(false);
  });

  it('stores a secret without ever getting it back, only whether it is there', async () => {
    const { api, client } = await connect();
    await client.setSecret('et', 'password', 's3cret!');
    expect(api.secrets.get('et/password')).toBe('s3cret!');
    const stored = await client.secretsStored('et');
    expect(stored.password).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('s3cret!');
  });

  it('says plainly when the access key is refused', async () => {
    const { client } = await connect({ token: 'wrong' });
    const refused = await failure(client.status());
    expect(refused.status).toBe(401);
    expect(refused.message).toBe(TOKEN_REFUSED);
  });

  it('says plainly when the service does not answer', async () => {
    const { client } = await connect();
    await server?.close();
    const silent = await failure(client.status());
    expect(silent.message).toBe(NOT_ANSWERING);
  });

  it('receives the service’s events over Server-Sent Events', async () => {
    const { api, client, link } = await connect();
    const events: CourierEvent[] = [];
    disposers.push(client.onEvent((event) => events.push(event)));
    await stateReached(link, 'connected');
    const item = (await client.enqueue('/var/spool/asterisk/monitor/new-call.wav'))[0];
    await until(() => events.length > 0);
    expect(events[0]).toEqual({ type: 'recording', item });
    expect(api.listenerCount).toBe(1);
  });

  it('stops and says so when the event stream refuses the access key', async () => {
    const { client, link } = await connect({ token: 'wrong' });
    disposers.push(client.onEvent(() => {}));
    await stateReached(link, 'refused');
  });
});

function stateReached(link: { readonly state: LinkState }, wanted: LinkState): Promise<void> {
  return until(() => link.state === wanted);
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
}
