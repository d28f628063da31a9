import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type RunningService } from '../../../main/cli/run.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import type { WorkstationInfo, WorkstationRow } from '../../../preload/api.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { startWorkstation, writeRecording, type Workstation } from './workstation-fleet.ts';

let healthy: Workstation;
let failing: Workstation;
let paused: Workstation;
/** A moment by which agent 3's recording was queued. */
let pausedQueuedBy = 0;
let supervisor: RunningService;
let supervisorDir: string;
const secrets = new MemorySecretStore();

beforeAll(async () => {
  [healthy, failing, paused] = await Promise.all([
    startWorkstation('healthy'),
    startWorkstation('failing'),
    startWorkstation('paused'),
  ]);
  supervisorDir = join(await tempDirForSuite('call-courier-supervisor-'), 'data');
  const started = await startHeadless({
    dataDir: supervisorDir,
    listen: { host: '127.0.0.1', port: 0 },
    secrets,
    staticDir: null,
  });
  if ('errors' in started) throw new Error(started.errors);
  supervisor = started;
  // What each agent's day looks like: two delivered; one delivered and one refused; paused.
  failing.emulator.setFaults({
    reject: { count: 1, endpoints: ['upload'], status: 422, detail: 'the audio cannot be decoded' },
  });
  await writeRecording(healthy, 1);
  await writeRecording(healthy, 2);
  await writeRecording(failing, 3);
  await writeRecording(failing, 4);
  expect(await paused.call('POST', '/api/v1/pause')).toBe(204);
  await writeRecording(paused, 5);
  await Promise.all([
    healthy.waitForStatus((s) => s.counts.uploaded === 2),
    failing.waitForStatus((s) => s.counts.uploaded === 1 && s.counts.failed === 1),
    paused.waitForStatus((s) => s.counts.queued === 1 && s.state === 'paused'),
  ]);
  pausedQueuedBy = Date.now();
}, 90_000);

afterAll(async () => {
  await supervisor?.stop();
  await Promise.all([healthy?.stop(), failing?.stop(), paused?.stop()]);
});

/** Calls the supervisor's own API with its admin token (or another). */
async function call(
  method: string,
  path: string,
  options: { json?: unknown; token?: string } = {},
): Promise<{ status: number; text: string }> {
  const answer = await request(`${supervisor.url}${path}`, {
    method: method as 'GET',
    headers: {
      authorization: `Bearer ${options.token ?? supervisor.token}`,
      ...(options.json !== undefined && { 'content-type': 'application/json' }),
    },
    ...(options.json !== undefined && { body: JSON.stringify(options.json) }),
  });
  return { status: answer.statusCode, text: await answer.body.text() };
}

async function add(label: string, address: string, monitorToken: string): Promise<WorkstationInfo> {
  const answer = await call('POST', '/api/v1/supervisor/workstations', {
    json: { label, address, monitorToken },
  });
  expect(answer.status, answer.text).toBe(201);
  return JSON.parse(answer.text) as WorkstationInfo;
}

async function table(): Promise<readonly WorkstationRow[]> {
  const answer = await call('GET', '/api/v1/supervisor/workstations');
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as WorkstationRow[];
}

function rowOf(rows: readonly WorkstationRow[], label: string): WorkstationRow {
  const row = rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row "${label}" in ${JSON.stringify(rows)}`);
  return row;
}

describe('the supervisor table of several workstations', () => {
  it("shows each workstation's health, backlog, failures and last delivery, each asked with its monitor token", async () => {
    await add('Agent 1', healthy.address, healthy.monitorToken);
    await add('Agent 2', failing.address, failing.monitorToken);
    await add('Agent 3', paused.address, paused.monitorToken);
    // The healthy workstation's address again by another name, with a token it never issued.
    await add(
      'Agent 1 (old token)',
      healthy.address.replace('127.0.0.1', 'localhost'),
      'stale-token',
    );

    const rows = await table();
    expect(rows.map((r) => r.label)).toEqual([
      'Agent 1',
      'Agent 2',
      'Agent 3',
      'Agent 1 (old token)',
    ]);
    const one = rowOf(rows, 'Agent 1');
    expect(one).toMatchObject({
      address: healthy.address,
      health: 'healthy',
      problem: null,
      backlog: 0,
      failed: 0,
      oldestWaitingSeconds: null,
    });
    expect(Date.parse(one.lastDeliveryAt ?? '')).toBeGreaterThan(Date.now() - 5 * 60_000);

    const two = rowOf(rows, 'Agent 2');
    expect(two).toMatchObject({ health: 'attention', backlog: 0, failed: 1 });
    expect(two.problem).toContain('1 recording failed');
    expect(two.lastDeliveryAt).not.toBeNull();

    const three = rowOf(rows, 'Agent 3');
    expect(three).toMatchObject({ health: 'paused', backlog: 1, failed: 0, lastDeliveryAt: null });
    expect(three.problem).toContain('paused by a person');
    expect(three.oldestWaitingSeconds).toBeGreaterThanOrEqual(0);

    expect(rowOf(rows, 'Agent 1 (old token)')).toMatchObject({
      health: 'unreachable',
      backlog: null,
      failed: null,
    });
    expect(rowOf(rows, 'Agent 1 (old token)').problem).toMatch(/^monitor token refused/);
  });

  it("shows a workstation's alarms in its own words", async () => {
    // The alarm is checked when the settings change and then every 30 s: change them once the
    // recording is surely older than the limit, so that the check on saving finds it late.
    while (Date.now() < pausedQueuedBy + 1500) await new Promise((r) => setTimeout(r, 100));
    // Agent 3's waiting recording is soon older than the backlog alarm allows (under a second).
    await paused.changeSettings((settings) => ({
      ...settings,
      alarms: { backlogOlderThanMinutes: 0.01 },
    }));
    const status = await paused.waitForStatus((s) => (s.alarms ?? []).length > 0);
    const alarm = status.alarms?.[0]?.message ?? '';
    const three = rowOf(await table(), 'Agent 3');
    expect(three.health).toBe('paused');
    expect(three.alarms).toEqual([alarm]);
    expect(three.problem).toBe(`paused by a person; ${alarm}`);
  });

  it('says a stopped workstation is unreachable, and still shows the others', async () => {
    await paused.halt();
    const rows = await table();
    const three = rowOf(rows, 'Agent 3');
    expect(three.health).toBe('unreachable');
    expect(three.problem).toMatch(/^unreachable: connection refused/);
    expect(rowOf(rows, 'Agent 1').health).toBe('healthy');
    expect(rowOf(rows, 'Agent 2').health).toBe('attention');
  });

  it('keeps the monitor tokens in the keychain only: never in the settings, the answers or the log', async () => {
    const settings = await readFile(join(supervisorDir, 'settings.json'), 'utf8');
    expect(JSON.parse(settings)).toMatchObject({
      supervisor: {
        workstations: [
          { label: 'Agent 1', address: healthy.address },
          { label: 'Agent 2', address: failing.address },
          { label: 'Agent 3', address: paused.address },
          { label: 'Agent 1 (old token)' },
        ],
      },
    });
    const answers = [
      (await call('GET', '/api/v1/supervisor/workstations')).text,
      (await call('GET', '/api/v1/settings')).text,
    ];
    const logs = await Promise.all(
      (await readdir(join(supervisorDir, 'logs'))).map((f) =>
        readFile(join(supervisorDir, 'logs', f), 'utf8'),
      ),
    );
    for (const token of [healthy.monitorToken, failing.monitorToken, paused.monitorToken]) {
      for (const text of [settings, ...answers, ...logs]) expect(text).not.toContain(token);
    }
    const stored = JSON.parse(settings) as { supervisor: { workstations: WorkstationInfo[] } };
    const first = stored.supervisor.workstations[0] as WorkstationInfo;
    expect(await secrets.get(`supervisor-${first.id}`, 'monitorToken')).toBe(healthy.monitorToken);
  });

  it('refuses a bad address or an empty token in plain words, and a second entry for one address', async () => {
    const bad = await call('POST', '/api/v1/supervisor/workstations', {
      json: { label: 'Typo', address: 'ftp://agent-7', monitorToken: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toEqual({
      error: 'the address must start with http:// or https://',
    });
    const inAddress = await call('POST', '/api/v1/supervisor/workstations', {
      json: { label: 'Token', address: `${healthy.address}/#token=abc`, monitorToken: 'x' },
    });
    expect(inAddress.status).toBe(400);
    expect(inAddress.text).toContain('a token never goes in an address');
    const noToken = await call('POST', '/api/v1/supervisor/workstations', {
      json: { label: 'Agent 9', address: 'http://127.0.0.1:9', monitorToken: '  ' },
    });
    expect(noToken.status).toBe(400);
    expect(noToken.text).toContain('the workstation needs its monitor token');
    const twice = await call('POST', '/api/v1/supervisor/workstations', {
      json: { label: 'Again', address: `${failing.address}/`, monitorToken: failing.monitorToken },
    });
    expect(twice.status).toBe(409);
    expect(JSON.parse(twice.text)).toEqual({
      error: `${failing.address} is already watched as "Agent 2"`,
    });
    expect((await table()).length).toBe(4);
  });

  it('is for the admin only: the monitor token can neither read nor change the list', async () => {
    const read = await call('GET', '/api/v1/supervisor/workstations', {
      token: supervisor.monitorToken,
    });
    expect(read.status).toBe(403);
    const write = await call('POST', '/api/v1/supervisor/workstations', {
      token: supervisor.monitorToken,
      json: { label: 'x', address: 'http://127.0.0.1:9', monitorToken: 'y' },
    });
    expect(write.status).toBe(403);
  });

  it('removes a workstation with its stored token', async () => {
    const before = await table();
    const gone = rowOf(before, 'Agent 1 (old token)');
    expect((await call('DELETE', `/api/v1/supervisor/workstations/${gone.id}`)).status).toBe(204);
    expect((await table()).map((r) => r.label)).toEqual(['Agent 1', 'Agent 2', 'Agent 3']);
    expect(await secrets.get(`supervisor-${gone.id}`, 'monitorToken')).toBeNull();
    const again = await call('DELETE', `/api/v1/supervisor/workstations/${gone.id}`);
    expect(again.status).toBe(404);
    expect(JSON.parse(again.text)).toEqual({ error: `no watched workstation "${gone.id}"` });
  });
});

describe('several changes to the list at once', () => {
  it('keeps every workstation added at the same moment, and removes them all', async () => {
    const before = (await table()).length;
    const added = await Promise.all(
      [1, 2, 3].map((n) => add(`Spare ${n}`, `http://127.0.0.${n + 10}:9`, `spare-token-${n}`)),
    );
    const rows = await table();
    expect(rows.length).toBe(before + 3);
    for (const info of added) {
      expect(rows.find((r) => r.id === info.id)?.health).toBe('unreachable');
      expect(await secrets.get(`supervisor-${info.id}`, 'monitorToken')).not.toBeNull();
    }
    await Promise.all(
      added.map(async (info) =>
        expect((await call('DELETE', `/api/v1/supervisor/workstations/${info.id}`)).status).toBe(
          204,
        ),
      ),
    );
    expect((await table()).length).toBe(before);
  });
});
