import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../main/core/service/metric-catalog.ts';
import {
  alertNames,
  dashboardExprs,
  readMonitoringDoc,
  ruleExprs,
} from '../fixtures/monitoring-docs.ts';
import { metricNamesIn } from '../fixtures/promql-names.ts';

const read = readMonitoringDoc;

/** Names an expression may select besides Call Courier's own: Prometheus's scrape health. */
const PROMETHEUS_OWN = ['up'];

describe('docs/monitoring for IT staff', () => {
  it('documents exactly the metrics /metrics serves, in the same order', async () => {
    const readme = await read('README.md');
    const documented = [...readme.matchAll(/^\| `(call_courier_[a-z_]+)`/gm)].map((m) => m[1]);
    expect(documented).toEqual(METRIC_NAMES);
  });

  it('has a Grafana dashboard that is valid JSON and queries only documented metrics', async () => {
    const dashboard = JSON.parse(await read('grafana-dashboard.json')) as {
      uid: string;
      title: string;
      panels: { title: string; targets: { expr: string }[] }[];
    };
    expect(dashboard.uid).toBe('call-courier-workstations');
    expect(dashboard.panels.length).toBeGreaterThan(5);
    for (const panel of dashboard.panels) expect(panel.targets.length).toBeGreaterThan(0);
    const exprs = dashboardExprs(dashboard);
    expect(exprs.length).toBeGreaterThan(dashboard.panels.length);
    for (const expr of exprs) {
      const names = metricNamesIn(expr);
      expect(names.length, expr).toBeGreaterThan(0);
      for (const name of names) expect([...METRIC_NAMES, ...PROMETHEUS_OWN], expr).toContain(name);
    }
  });

  it('has alert rules that use only documented metrics, each one described in the README', async () => {
    const rules = await read('alerts.yml');
    const exprs = ruleExprs(rules);
    const alerts = alertNames(rules);
    expect(exprs).toHaveLength(alerts.length);
    for (const expr of exprs) {
      for (const name of metricNamesIn(expr)) {
        expect([...METRIC_NAMES, ...PROMETHEUS_OWN], expr).toContain(name);
      }
    }
    const readme = await read('README.md');
    const described = [...readme.matchAll(/^\| `(CallCourier\w+)`/gm)].map((m) => m[1]);
    expect(described).toEqual(alerts);
  });

  it('has a scrape config that reads the monitor token from a file and keeps the job name the rules select', async () => {
    const config = await read('prometheus.yml');
    expect(config).toMatch(/job_name: call-courier\b/);
    expect(config).toMatch(/credentials_file: \S+/);
    expect(config).not.toMatch(/credentials: |bearer_token: /);
  });
});

describe('finding the metric names in PromQL', () => {
  it.each([
    [
      'sum by (instance) (call_courier_queue_recordings{status=~"queued|x"})',
      ['call_courier_queue_recordings'],
    ],
    [
      'time() - call_courier_last_upload_timestamp_seconds > 3 * 3600 and on () hour() >= 12',
      ['call_courier_last_upload_timestamp_seconds'],
    ],
    [
      'rate(call_courier_upload_bytes_total{instance=~"$instance"}[$__rate_interval])',
      ['call_courier_upload_bytes_total'],
    ],
    ['up{job="call-courier"} == 0 unless ignoring(job) made_up_metric', ['up', 'made_up_metric']],
  ])('%s selects %j', (expr, names) => {
    expect(metricNamesIn(expr)).toEqual(names);
  });
});
