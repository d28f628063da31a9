import { describe, expect, it } from 'vitest';
import { largestSample } from '../../../../main/core/supervisor/metric-samples.ts';
import { isStatusAnswer, readHealth } from '../../../../main/core/supervisor/workstation-health.ts';
import type { StatusAnswer } from '../../../../preload/api.ts';

function status(
  overrides: Partial<Omit<StatusAnswer, 'alarms'>> & { alarms?: unknown } = {},
): StatusAnswer {
  return {
    state: 'running',
    counts: {
      queued: 0,
      uploading: 0,
      retrying: 0,
      uploaded: 5,
      processed: 0,
      failed: 0,
      skipped: 0,
    },
    bytesPerSecond: 0,
    nextBandwidthChange: null,
    profiles: [{ id: 'et', connector: 'enderturing', label: 'Ender Turing', state: 'active' }],
    ...overrides,
  } as StatusAnswer;
}

describe("reading a workstation's health from its status", () => {
  it('is healthy with nothing failed, no alarm and its destinations sending; the backlog counts everything on its way', () => {
    const counts = { ...status().counts, queued: 2, uploading: 1, retrying: 3 };
    expect(readHealth(status({ counts }))).toEqual({
      health: 'healthy',
      problem: null,
      backlog: 6,
      failed: 0,
      alarms: [],
    });
  });

  it('needs attention when an alarm is on, in its own words, and not for one that has cleared', () => {
    const reading = readHealth(
      status({
        alarms: [
          {
            id: 'no-new-recordings',
            since: '2026-12-05T09:00:00Z',
            message: 'no new recording for 60 minutes',
          },
          { id: 'low-disk-space', active: false, message: 'cleared' },
          'backlog older than 2 hours',
        ],
      }),
    );
    expect(reading.health).toBe('attention');
    expect(reading.alarms).toEqual([
      'no new recording for 60 minutes',
      'backlog older than 2 hours',
    ]);
    expect(reading.problem).toBe('no new recording for 60 minutes; backlog older than 2 hours');
  });

  it('needs attention when a destination waits for a person, and says which and why', () => {
    const reading = readHealth(
      status({
        profiles: [
          {
            id: 'et',
            connector: 'enderturing',
            label: 'Ender Turing',
            state: 'paused',
            message: 'the password was refused',
          },
        ],
      }),
    );
    expect(reading).toMatchObject({
      health: 'attention',
      problem: 'Ender Turing: the password was refused',
    });
  });

  it('says paused before anything else, and keeps the failures in its words', () => {
    const counts = { ...status().counts, failed: 2 };
    expect(readHealth(status({ state: 'paused', counts }))).toMatchObject({
      health: 'paused',
      problem: 'paused by a person; 2 recordings failed',
      failed: 2,
    });
  });

  it('is offline when no destination answers, with the reason', () => {
    const reading = readHealth(
      status({
        state: 'offline',
        profiles: [
          {
            id: 'et',
            connector: 'enderturing',
            label: 'Ender Turing',
            state: 'offline',
            message: 'company.enderturing.com does not answer',
          },
        ],
      }),
    );
    expect(reading).toMatchObject({
      health: 'offline',
      problem: 'no destination answers: company.enderturing.com does not answer',
    });
  });

  it('cuts very long remote text so that a row stays a row', () => {
    const reading = readHealth(status({ alarms: ['x'.repeat(5000)] }));
    expect(reading.alarms[0]).toHaveLength(300);
  });

  it('takes only answers shaped like a Call Courier status', () => {
    expect(isStatusAnswer(status())).toBe(true);
    expect(isStatusAnswer({ state: 'running' })).toBe(false);
    expect(isStatusAnswer({ ...status(), counts: { queued: 'many' } })).toBe(false);
    expect(isStatusAnswer('<html>router login</html>')).toBe(false);
    expect(isStatusAnswer(null)).toBe(false);
  });
});

describe('reading a metric from Prometheus text', () => {
  const text = [
    '# HELP call_courier_oldest_queued_age_seconds How long the oldest recording has waited.',
    '# TYPE call_courier_oldest_queued_age_seconds gauge',
    'call_courier_oldest_queued_age_seconds{destination="et"} 42.5',
    'call_courier_oldest_queued_age_seconds{destination="tethr"} 7',
    'call_courier_oldest_queued_age_seconds_extra 999',
    'call_courier_last_upload_timestamp_seconds 1700000000',
  ].join('\n');

  it('answers the largest sample of the metric over its labels, and nothing of a longer name', () => {
    expect(largestSample(text, 'call_courier_oldest_queued_age_seconds')).toBe(42.5);
    expect(largestSample(text, 'call_courier_last_upload_timestamp_seconds')).toBe(1_700_000_000);
  });

  it('answers null for a metric that is not there', () => {
    expect(largestSample(text, 'call_courier_uploads_total')).toBeNull();
    expect(largestSample('', 'call_courier_uploads_total')).toBeNull();
  });
});
