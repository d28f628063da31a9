import { describe, expect, it } from 'vitest';
import type { StatusAnswer } from '../../../../preload/api.ts';
import { METRIC_NAMES, METRICS } from '../../../../main/core/service/metric-catalog.ts';
import { prometheusText, type MetricsInput } from '../../../../main/core/service/metrics.ts';
import { parseExposition, sampleValue } from '../../../fixtures/prometheus-exposition.ts';

const NOW = Date.UTC(2024, 3, 1, 15, 0, 0);

const status: StatusAnswer = {
  state: 'running',
  counts: {
    queued: 3,
    uploading: 1,
    retrying: 2,
    uploaded: 40,
    processed: 5,
    failed: 1,
    skipped: 0,
  },
  bytesPerSecond: 0,
  nextBandwidthChange: null,
  profiles: [
    { id: 'et', connector: 'enderturing', label: 'Ender Turing', state: 'active' },
    {
      id: 'tethr-eu',
      connector: 'tethr',
      label: 'Tethr',
      state: 'offline',
      message: 'Tethr does not answer',
    },
  ],
};

/** Two destinations: et delivering, tethr-eu offline with a backlog; plus rows of a removed one. */
const input: MetricsInput = {
  status,
  queue: {
    counts: [
      { destination: 'et', status: 'uploaded', count: 40 },
      { destination: 'et', status: 'failed', count: 1 },
      { destination: 'old "pbx"\\eu', status: 'processed', count: 5 },
      { destination: 'tethr-eu', status: 'queued', count: 3 },
      { destination: 'tethr-eu', status: 'uploading', count: 1 },
      { destination: 'tethr-eu', status: 'retrying', count: 2 },
    ],
    oldestWaiting: [{ destination: 'tethr-eu', at: NOW - 5_400_000 }],
    lastFoundAt: NOW - 30_000,
  },
  lastDelivered: [{ destination: 'et', at: NOW - 60_000 }],
  uploads: [
    { destination: 'et', result: 'delivered', count: 40, bytes: 40_000_000 },
    { destination: 'et', result: 'failed', count: 1, bytes: 2_000 },
    { destination: 'tethr-eu', result: 'retried', count: 7, bytes: 7_000_000 },
  ],
  build: { version: '0.1.0', node: '24.1.0' },
  startedAt: NOW - 3_600_000,
  now: NOW,
};

const families = parseExposition(prometheusText(input));
const value = (name: string, labels: Record<string, string> = {}) =>
  sampleValue(families, name, labels);

describe('the /metrics exposition', () => {
  it('parses, and every family has HELP and TYPE and is one of the documented metrics', () => {
    expect(families.map((f) => f.name)).toEqual(METRIC_NAMES);
    for (const family of families) {
      const documented = Object.values(METRICS).find((m) => m.name === family.name);
      expect(family.type).toBe(documented?.type);
      expect(family.help).toBe(documented?.help);
      for (const sample of family.samples) {
        expect(Object.keys(sample.labels)).toEqual(documented?.labels);
      }
    }
  });

  it('follows the Prometheus naming conventions', () => {
    for (const metric of Object.values(METRICS)) {
      expect(metric.name).toMatch(/^call_courier_[a-z_]+$/);
      expect(metric.name.endsWith('_total')).toBe(metric.type === 'counter');
      expect(metric.name).not.toMatch(/_(ms|milliseconds|kb|mb|minutes|hours)(_|$)/);
    }
  });

  it('says the queue depth per destination and status, every status present', () => {
    expect(
      value('call_courier_queue_recordings', { destination: 'tethr-eu', status: 'queued' }),
    ).toBe(3);
    expect(value('call_courier_queue_recordings', { destination: 'et', status: 'failed' })).toBe(1);
    expect(value('call_courier_queue_recordings', { destination: 'et', status: 'queued' })).toBe(0);
    const series = families.find((f) => f.name === 'call_courier_queue_recordings')?.samples ?? [];
    expect(series).toHaveLength(3 * 7);
  });

  it('keeps a destination that is no longer configured, its name escaped', () => {
    const text = prometheusText(input);
    expect(text).toContain(
      'call_courier_queue_recordings{destination="old \\"pbx\\"\\\\eu",status="processed"} 5\n',
    );
    expect(
      value('call_courier_queue_recordings', { destination: 'old "pbx"\\eu', status: 'processed' }),
    ).toBe(5);
  });

  it('gives the age of the oldest recording waiting, and 0 where nothing waits', () => {
    expect(value('call_courier_oldest_queued_age_seconds', { destination: 'tethr-eu' })).toBe(5400);
    expect(value('call_courier_oldest_queued_age_seconds', { destination: 'et' })).toBe(0);
  });

  it('counts upload attempts and their bytes by result, with zeros for results not seen yet', () => {
    expect(value('call_courier_uploads_total', { destination: 'et', result: 'delivered' })).toBe(
      40,
    );
    expect(value('call_courier_uploads_total', { destination: 'et', result: 'retried' })).toBe(0);
    expect(
      value('call_courier_uploads_total', { destination: 'tethr-eu', result: 'retried' }),
    ).toBe(7);
    expect(value('call_courier_upload_bytes_total', { destination: 'et', result: 'failed' })).toBe(
      2000,
    );
  });

  it('gives times in unix seconds: last delivery, last recording found, start', () => {
    expect(value('call_courier_last_upload_timestamp_seconds', { destination: 'et' })).toBe(
      (NOW - 60_000) / 1000,
    );
    expect(value('call_courier_last_upload_timestamp_seconds', { destination: 'tethr-eu' })).toBe(
      0,
    );
    expect(value('call_courier_last_recording_timestamp_seconds')).toBe((NOW - 30_000) / 1000);
    expect(value('call_courier_start_time_seconds')).toBe((NOW - 3_600_000) / 1000);
  });

  it('says each destination is up or not, and which one state it is in', () => {
    expect(value('call_courier_destination_up', { destination: 'et' })).toBe(1);
    expect(value('call_courier_destination_up', { destination: 'tethr-eu' })).toBe(0);
    for (const [state, expected] of [
      ['active', 0],
      ['paused', 0],
      ['offline', 1],
    ] as const) {
      expect(value('call_courier_destination_state', { destination: 'tethr-eu', state })).toBe(
        expected,
      );
    }
    expect(
      value('call_courier_destination_info', { destination: 'tethr-eu', connector: 'tethr' }),
    ).toBe(1);
    // Health is for configured destinations only.
    expect(value('call_courier_destination_up', { destination: 'old "pbx"\\eu' })).toBeUndefined();
  });

  it('names the build and says whether a person paused delivery', () => {
    expect(value('call_courier_build_info', { version: '0.1.0', node: '24.1.0' })).toBe(1);
    expect(value('call_courier_paused')).toBe(0);
    const paused = parseExposition(
      prometheusText({ ...input, status: { ...status, state: 'paused' } }),
    );
    expect(sampleValue(paused, 'call_courier_paused')).toBe(1);
  });
});

describe('the strict exposition parser the tests use', () => {
  it.each([
    ['a sample without HELP and TYPE', 'x_total 1\n'],
    ['a family without HELP', '# TYPE x gauge\nx 1\n'],
    ['a repeated series', '# HELP x h\n# TYPE x gauge\nx{a="1"} 1\nx{a="1"} 2\n'],
    ['a value that is no number', '# HELP x h\n# TYPE x gauge\nx one\n'],
    ['a bad escape', '# HELP x h\n# TYPE x gauge\nx{a="\\t"} 1\n'],
    ['no final line feed', '# HELP x h\n# TYPE x gauge\nx 1'],
  ])('refuses %s', (_why, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});
