import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_ROUTES, type ApiRoute } from '../../../../main/core/server/api-routes.ts';
import { startApiServer } from '../../../../main/core/server/start-api-server.ts';
import { InMemoryCourier, recording } from './in-memory-courier.ts';
import { MONITOR_TOKEN, startTestServer, TOKEN, type TestServer } from './test-server.ts';

const READ_ONLY_REFUSAL = {
  error:
    'the monitor token can only read status, recordings, events and metrics: this needs the admin token',
};

/** A route's path with its parameters filled in: recording 2, profile et, secret field password. */
function concrete(route: ApiRoute): string {
  return route.path
    .replace(':id', route.path.includes('profiles') ? 'et' : '2')
    .replace(':profile', 'et')
    .replace(':field', 'password');
}

/** A body that would change something if the route took it. */
function bodyFor(route: ApiRoute): unknown {
  if (route.path === '/api/v1/recordings') return { path: '/var/spool/asterisk/monitor/new.wav' };
  if (route.path === '/api/v1/settings') return { profiles: [{ id: 'taken-over' }] };
  if (route.path.startsWith('/api/v1/secrets/')) return { value: 'monitor-was-here' };
  if (route.path === '/api/v1/name-preview') return { fileName: 'a.wav', naming: {} };
  if (route.path === '/api/v1/supervisor/workstations' && route.method === 'POST') {
    return { label: 'Agent 9', address: 'http://192.168.1.29:8490', monitorToken: 'taken-over' };
  }
  return undefined;
}

const adminRoutes = API_ROUTES.filter((r) => r.access === 'admin');
const monitorRoutes = API_ROUTES.filter((r) => r.access === 'monitor');

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer({
    api: new InMemoryCourier([recording(1, { status: 'failed' }), recording(2), recording(3)]),
  });
});
afterEach(() => t.server.close());

/** Everything the fake keeps, to compare before and after. */
function snapshot(api: InMemoryCourier): string {
  return JSON.stringify({
    recordings: api.recordings,
    settings: api.settings,
    secrets: [...api.secrets],
    state: api.state,
    workstations: api.workstationList,
  });
}

describe('the two roles of the local API', () => {
  it('lets the monitor token reach only reading routes, and only status, recordings, events, metrics and the platform lists', () => {
    expect(monitorRoutes.every((r) => r.method === 'GET')).toBe(true);
    expect(monitorRoutes.map((r) => r.path).sort()).toEqual([
      '/api/v1/connectors',
      '/api/v1/events',
      '/api/v1/presets',
      '/api/v1/recordings',
      '/api/v1/status',
      '/metrics',
    ]);
    // Settings reveal folders, accounts and addresses: reading them needs the admin token.
    expect(adminRoutes.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/v1/settings');
  });

  it.each(adminRoutes.map((r) => [r.method, r.path, r] as const))(
    'refuses %s %s with the monitor token (403) and changes nothing',
    async (method, _path, route) => {
      const before = snapshot(t.api);
      const json = bodyFor(route);
      const answer = await t.send(method, concrete(route), {
        token: MONITOR_TOKEN,
        ...(json !== undefined && { json }),
      });
      expect(answer.status).toBe(403);
      expect(JSON.parse(answer.text)).toEqual(READ_ONLY_REFUSAL);
      expect(answer.text).not.toContain('example.com');
      expect(snapshot(t.api)).toBe(before);
    },
  );

  it.each(adminRoutes.map((r) => [r.method, r.path, r] as const))(
    'lets the admin token call %s %s',
    async (method, _path, route) => {
      const json = bodyFor(route);
      const answer = await t.send(method, concrete(route), json === undefined ? {} : { json });
      expect(answer.status).toBeGreaterThanOrEqual(200);
      expect(answer.status).toBeLessThan(300);
    },
  );

  it.each(monitorRoutes.filter((r) => r.path !== '/api/v1/events').map((r) => [r.path]))(
    'answers GET %s to the monitor token',
    async (path) => {
      const answer = await t.send('GET', path, { token: MONITOR_TOKEN });
      expect(answer.status).toBe(200);
    },
  );

  it('gives the monitor token the same status and list as the admin token', async () => {
    for (const path of ['/api/v1/status', '/api/v1/recordings?status=failed']) {
      const asMonitor = await t.sendJson('GET', path, { token: MONITOR_TOKEN });
      expect(asMonitor).toEqual(await t.sendJson('GET', path));
    }
  });

  it('streams events to the monitor token in the header, never from the query', async () => {
    const events = await t.openEvents('/api/v1/events', MONITOR_TOKEN);
    expect(events.status).toBe(200);
    t.api.emit({ type: 'recording', item: recording(9) });
    await events.waitFor('"id":9');
    events.close();
    const inQuery = await t.openEvents(`/api/v1/events?token=${MONITOR_TOKEN}`);
    expect(inQuery.status).toBe(401);
    inQuery.close();
  });

  it('still refuses a wrong token (401) and a monitor token that only starts like the real one', async () => {
    const answer = await t.send('GET', '/metrics', { token: MONITOR_TOKEN.slice(0, -1) });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toEqual({ error: 'the access token is wrong' });
  });

  it('refuses a monitor token that is the admin token, or empty', async () => {
    const start = (monitorToken: string) =>
      startApiServer({
        api: new InMemoryCourier(),
        host: '127.0.0.1',
        port: 0,
        token: TOKEN,
        monitorToken,
        metrics: () => '',
      });
    await expect(start(TOKEN)).rejects.toThrow(
      'the monitor token must differ from the admin token (api-token)',
    );
    await expect(start('')).rejects.toThrow('the monitor token is empty');
  });
});
