import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import {
  alertNames,
  dashboardExprs,
  monitoringDoc,
  readMonitoringDoc,
  withGrafanaVariables,
} from '../../fixtures/monitoring-docs.ts';
import { startPrometheus, type PrometheusServer } from '../../fixtures/prometheus-server.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { startHttpRig, type HttpRig } from '../api/api-fixture.ts';

const available = hasCommand('prometheus') && hasCommand('promtool');

let rig: HttpRig | undefined;
let prometheus: PrometheusServer | undefined;
afterEach(async () => {
  await prometheus?.close();
  await rig?.stop();
  prometheus = undefined;
  rig = undefined;
});

/** Waits until the assertion holds, as Prometheus scrapes every second. */
const eventually = (check: () => Promise<void>) =>
  vi.waitFor(check, { timeout: 20_000, interval: 250 });

/** The value of the one series a query answers (undefined while there is none). */
async function single(promql: string): Promise<number | undefined> {
  const series = await (prometheus as PrometheusServer).query(promql);
  if (series.length > 1) throw new Error(`${promql} answered ${series.length} series`);
  return series[0]?.value;
}

/** Runs promtool with input on stdin; answers its exit status and what it printed. */
function promtool(args: readonly string[], input = ''): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile('promtool', [...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
    child.stdin?.end(input);
  });
}

describe.skipIf(!available)('a real Prometheus scraping a running Call Courier', () => {
  it('reads /metrics with the monitor token and sees deliveries, a failure, a retry and the queue', async () => {
    rig = await startHttpRig('prometheus');
    const r = rig;
    // The first upload meets a 503 (retried a second later), the next one a refusal (failed).
    r.emulator.setFaults({
      unavailable: { count: 1, endpoints: ['upload'], retryAfterSeconds: 1 },
      reject: {
        count: 1,
        endpoints: ['upload'],
        status: 422,
        detail: 'the audio cannot be decoded',
      },
    });
    for (let i = 1; i <= 4; i += 1) {
      await writeWav(join(r.folder, `20240131_210${i}_Agent0${i}_100${i}_IN_0.wav`), {
        channels: 2,
        seconds: 1 + i / 10,
      });
    }
    await r.waitForStatus((s) => s.counts.uploaded === 3 && s.counts.failed === 1);

    const dir = join(r.root, 'prometheus');
    await mkdir(dir, { recursive: true });
    const wrongToken = join(dir, 'wrong-token');
    await writeFile(wrongToken, 'not-the-monitor-token\n', { mode: 0o600 });
    const target = new URL(r.running.url).host;
    prometheus = await startPrometheus({
      dir,
      jobs: [
        { name: 'call-courier', target, credentialsFile: join(r.dataDir, 'monitor-token') },
        { name: 'wrong-token', target, credentialsFile: wrongToken },
      ],
      ruleFiles: [monitoringDoc('alerts.yml')],
    });
    const p = prometheus;

    const version = (JSON.parse(await readFile('package.json', 'utf8')) as { version: string })
      .version;
    const et = 'job="call-courier",destination="et"';
    await eventually(async () => {
      expect(await single('up{job="call-courier"}')).toBe(1);
      expect(await single(`call_courier_uploads_total{${et},result="delivered"}`)).toBe(3);
      expect(await single(`call_courier_uploads_total{${et},result="failed"}`)).toBe(1);
      expect(await single(`call_courier_uploads_total{${et},result="retried"}`)).toBe(1);
      expect(await single(`call_courier_queue_recordings{${et},status="uploaded"}`)).toBe(3);
      expect(await single(`call_courier_queue_recordings{${et},status="failed"}`)).toBe(1);
      expect(await single(`call_courier_queue_recordings{${et},status="queued"}`)).toBe(0);
      expect(await single(`call_courier_destination_up{${et}}`)).toBe(1);
      expect(await single(`call_courier_destination_state{${et},state="active"}`)).toBe(1);
      expect(await single(`call_courier_build_info{version="${version}"}`)).toBe(1);
    });
    const delivered = r.emulator.uploads.reduce((sum, u) => sum + u.bytes, 0);
    expect(await single(`call_courier_upload_bytes_total{${et},result="delivered"}`)).toBe(
      delivered,
    );
    const lastUpload = (await single(`call_courier_last_upload_timestamp_seconds{${et}}`)) ?? 0;
    expect(lastUpload * 1000).toBeGreaterThan(Date.now() - 120_000);

    // The same target with a wrong token is refused: Prometheus marks it down, with the 401.
    await eventually(async () => expect(await single('up{job="wrong-token"}')).toBe(0));
    const targets = (await p.api('/api/v1/targets')) as {
      activeTargets: { labels: { job: string }; lastError: string }[];
    };
    const refused = targets.activeTargets.find((t) => t.labels.job === 'wrong-token');
    expect(refused?.lastError).toContain('401');

    // Paused by a person, a new recording waits: the queue, its age and the pause show.
    expect((await r.call('POST', '/api/v1/pause')).status).toBe(204);
    await writeWav(join(r.folder, '20240131_2110_Agent09_1009_IN_0.wav'), {
      channels: 2,
      seconds: 2,
    });
    await r.waitForStatus((s) => s.counts.queued === 1);
    await eventually(async () => {
      expect(await single(`call_courier_queue_recordings{${et},status="queued"}`)).toBe(1);
      expect(await single('call_courier_paused{job="call-courier"}')).toBe(1);
      expect(await single(`call_courier_oldest_queued_age_seconds{${et}}`)).toBeGreaterThan(0);
    });

    // The documented alert rules load, and the one for failed recordings sees the failure.
    const rules = (await p.api('/api/v1/rules')) as {
      groups: { rules: { name: string; health: string; lastError?: string }[] }[];
    };
    const loaded = rules.groups.flatMap((g) => g.rules);
    expect(loaded.map((rule) => rule.name)).toEqual(
      alertNames(await readMonitoringDoc('alerts.yml')),
    );
    await eventually(async () => {
      const alerts = (await p.api('/api/v1/alerts')) as {
        alerts: { labels: { alertname: string; destination?: string }; state: string }[];
      };
      expect(alerts.alerts).toContainEqual(
        expect.objectContaining({
          labels: expect.objectContaining({
            alertname: 'CallCourierFailedRecordings',
            destination: 'et',
          }),
          state: 'pending',
        }),
      );
      const evaluated = (await p.api('/api/v1/rules')) as typeof rules;
      for (const rule of evaluated.groups.flatMap((g) => g.rules)) {
        expect(rule.health, `${rule.name}: ${rule.lastError}`).toBe('ok');
      }
    });

    // Every query of the example dashboard is PromQL this Prometheus accepts, and those that
    // read Call Courier's series find them.
    const dashboard = JSON.parse(await readMonitoringDoc('grafana-dashboard.json')) as unknown;
    for (const expr of dashboardExprs(dashboard)) {
      await expect(p.query(withGrafanaVariables(expr)), expr).resolves.toBeDefined();
    }

    // promtool's linter finds nothing to say about the exposition itself.
    const scraped = await request(`${r.running.url}/metrics`, {
      headers: { authorization: `Bearer ${r.running.monitorToken}` },
    });
    const lint = await promtool(['check', 'metrics'], await scraped.body.text());
    expect(lint).toEqual({ code: 0, output: '' });
  }, 90_000);
});
