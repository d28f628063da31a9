import { request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../main/core/server/api-routes.ts';
import type { RecordingPage } from '../../../preload/api.ts';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { startHttpRig, type HttpRig } from './api-fixture.ts';

const READ_ONLY_REFUSAL =
  'the monitor token can only read status, recordings, events and metrics: this needs the admin token';

/** A call that needs the admin token, and what the admin gets for it. */
interface AdminCall {
  readonly method: string;
  /** The route it exercises, as the route table writes it. */
  readonly route: string;
  readonly path: string;
  /** The body the monitor token tries; the admin sends `adminJson` when given, else this. */
  readonly json?: unknown;
  readonly adminJson?: unknown;
  readonly adminStatus: number;
}

let rig: HttpRig;
let monitorToken: string;
let calls: readonly AdminCall[];
const NEW_CALL = '20240131_2110_Agent08_1008_IN_0.wav';

beforeAll(async () => {
  rig = await startHttpRig('monitor');
  monitorToken = (await readFile(join(rig.dataDir, 'monitor-token'), 'utf8')).trim();
  // One recording the platform refuses (failed, can be retried), one mono file (failed, can be skipped).
  rig.emulator.setFaults({
    reject: { count: 1, endpoints: ['upload'], status: 422, detail: 'the audio cannot be decoded' },
  });
  await writeWav(join(rig.folder, '20240131_2101_Agent01_1001_IN_0.wav'), {
    channels: 2,
    seconds: 1,
  });
  await writeWav(join(rig.folder, '20240131_2102_Agent02_1002_IN_0.wav'), {
    channels: 1,
    seconds: 1,
  });
  await rig.waitForStatus((s) => s.counts.failed === 2);
  const failed = (
    (await rig.call('GET', '/api/v1/recordings?status=failed')).json() as RecordingPage
  ).items;
  const rejected = failed.find((i) => i.errorCode === 'rejected')?.id;
  const mono = failed.find((i) => i.errorCode === 'mono')?.id;
  // A recording a PBX hands over; the file is written just before the admin's calls, so that
  // the watcher cannot find it while the monitor token is tried.
  const handed = join(rig.folder, NEW_CALL);
  // A workstation this instance watches for a supervisor, for the admin to remove.
  const watched = (
    await rig.call('POST', '/api/v1/supervisor/workstations', {
      json: { label: 'Agent 9', address: 'http://127.0.0.1:9', monitorToken: 'agent-9-token' },
    })
  ).json() as { id: string };
  const settings = (await rig.call('GET', '/api/v1/settings')).json() as {
    upload: Record<string, unknown>;
  };
  calls = [
    {
      method: 'POST',
      route: '/api/v1/recordings',
      path: '/api/v1/recordings',
      json: { path: handed },
      adminStatus: 201,
    },
    {
      method: 'POST',
      route: '/api/v1/recordings/:id/retry',
      path: `/api/v1/recordings/${rejected}/retry`,
      adminStatus: 200,
    },
    {
      method: 'POST',
      route: '/api/v1/recordings/:id/skip',
      path: `/api/v1/recordings/${mono}/skip`,
      adminStatus: 200,
    },
    { method: 'POST', route: '/api/v1/pause', path: '/api/v1/pause', adminStatus: 204 },
    { method: 'POST', route: '/api/v1/resume', path: '/api/v1/resume', adminStatus: 204 },
    { method: 'GET', route: '/api/v1/settings', path: '/api/v1/settings', adminStatus: 200 },
    { method: 'GET', route: '/api/v1/diagnostics', path: '/api/v1/diagnostics', adminStatus: 200 },
    { method: 'GET', route: '/api/v1/policy', path: '/api/v1/policy', adminStatus: 200 },
    { method: 'GET', route: '/api/v1/monitoring', path: '/api/v1/monitoring', adminStatus: 200 },
    {
      method: 'PUT',
      route: '/api/v1/settings',
      path: '/api/v1/settings',
      json: { ...settings, upload: { ...settings.upload, concurrency: 1 } },
      adminStatus: 200,
    },
    {
      method: 'PUT',
      route: '/api/v1/secrets/:profile/:field',
      path: '/api/v1/secrets/et/password',
      json: { value: 'planted-by-the-monitor' },
      adminJson: { value: DEFAULT_USER.password },
      adminStatus: 204,
    },
    {
      method: 'GET',
      route: '/api/v1/profiles/:id/secrets',
      path: '/api/v1/profiles/et/secrets',
      adminStatus: 200,
    },
    {
      method: 'POST',
      route: '/api/v1/profiles/:id/test',
      path: '/api/v1/profiles/et/test',
      adminStatus: 200,
    },
    {
      method: 'POST',
      route: '/api/v1/name-preview',
      path: '/api/v1/name-preview',
      json: { fileName: NEW_CALL, naming: {} },
      adminStatus: 200,
    },
    {
      method: 'GET',
      route: '/api/v1/supervisor/workstations',
      path: '/api/v1/supervisor/workstations',
      adminStatus: 200,
    },
    {
      method: 'POST',
      route: '/api/v1/supervisor/workstations',
      path: '/api/v1/supervisor/workstations',
      json: { label: 'Planted', address: 'http://127.0.0.1:10', monitorToken: 'planted' },
      adminStatus: 201,
    },
    {
      method: 'DELETE',
      route: '/api/v1/supervisor/workstations/:id',
      path: `/api/v1/supervisor/workstations/${watched.id}`,
      adminStatus: 204,
    },
  ];
});
afterAll(() => rig.stop());

/** Everything a call could change: queue, pause, settings on disk, keychain, what the platform got. */
async function everything(): Promise<string> {
  const status = (await rig.call('GET', '/api/v1/status')).json() as Record<string, unknown>;
  const page = (await rig.call('GET', '/api/v1/recordings?limit=500')).json() as RecordingPage;
  return JSON.stringify({
    state: status['state'],
    counts: status['counts'],
    profiles: status['profiles'],
    rows: page.items.map((i) => [i.id, i.status, i.attempts, i.error, i.updatedAt]),
    config: await readFile(rig.configPath, 'utf8'),
    secrets: [...rig.secrets.entries()],
    delivered: rig.emulator.uploads.length,
  });
}

/** Opens the event stream and answers its status, then hangs up. */
function streamStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'text/event-stream', ...headers } });
    req.on('error', reject);
    req.on('response', (res) => {
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.end();
  });
}

describe('the monitor token of `call-courier run`', () => {
  it('is tried below on every route that needs the admin token', () => {
    const adminRoutes = API_ROUTES.filter((r) => r.access === 'admin').map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(calls.map((c) => `${c.method} ${c.route}`).sort()).toEqual(adminRoutes.sort());
  });

  it('cannot change anything: every state-changing call is refused (403) and nothing changes', async () => {
    const before = await everything();
    for (const call of calls) {
      const answer = await rig.call(call.method, call.path, {
        token: monitorToken,
        ...(call.json !== undefined && { json: call.json }),
      });
      expect(answer.status, `${call.method} ${call.path}`).toBe(403);
      expect(answer.json()).toEqual({ error: READ_ONLY_REFUSAL });
    }
    expect(await everything()).toBe(before);
    expect(await rig.secrets.get('et', 'password')).toBe(DEFAULT_USER.password);
  });

  it('reads the status, the recordings, the platforms, the presets, the metrics and the events', async () => {
    for (const path of [
      '/api/v1/status',
      '/api/v1/recordings?status=failed',
      '/api/v1/connectors',
      '/api/v1/presets',
    ]) {
      const asMonitor = await rig.call('GET', path, { token: monitorToken });
      expect(asMonitor.status, path).toBe(200);
      expect(asMonitor.json()).toEqual((await rig.call('GET', path)).json());
    }
    const metrics = await rig.call('GET', '/metrics', { token: monitorToken });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain(
      'call_courier_queue_recordings{destination="et",status="failed"} 2\n',
    );
    const url = `${rig.running.url}/api/v1/events`;
    expect(await streamStatus(url, { authorization: `Bearer ${monitorToken}` })).toBe(200);
    expect(await streamStatus(`${url}?token=${encodeURIComponent(monitorToken)}`)).toBe(401);
  });

  it('while the admin token makes the very same calls take effect', async () => {
    await writeWav(join(rig.folder, NEW_CALL), { channels: 2, seconds: 2 });
    const before = await everything();
    for (const call of calls) {
      const json = call.adminJson ?? call.json;
      const answer = await rig.call(call.method, call.path, json === undefined ? {} : { json });
      expect(answer.status, `${call.method} ${call.path}: ${answer.text}`).toBe(call.adminStatus);
    }
    expect(await everything()).not.toBe(before);
    const status = await rig.waitForStatus(
      (s) => s.counts.uploaded === 2 && s.counts.skipped === 1 && s.counts.failed === 0,
    );
    expect(status.state).toBe('running');
    expect(JSON.parse(await readFile(rig.configPath, 'utf8')).upload.concurrency).toBe(1);
  });
});
