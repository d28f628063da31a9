import { describe, expect, it } from 'vitest';
import type { AlarmChange } from '../../../../main/core/alarms/alarm-board.ts';
import { AlarmWatch } from '../../../../main/core/alarms/alarm-watch.ts';
import { silentLogger } from '../../../../main/core/log/logger.ts';
import { validateSettings } from '../../../../main/core/settings/load-settings.ts';
import type { Settings } from '../../../../main/core/settings/schema.ts';
import type { QueueStatistics } from '../../../../main/core/store/queue-statistics.ts';
import { MINUTE, wednesday } from './local-time.ts';

function settings(alarms: unknown): Settings {
  const result = validateSettings({
    watch: [{ path: '/rec', destinations: ['et'] }],
    profiles: [
      {
        id: 'et',
        connector: 'enderturing',
        options: { baseUrl: 'https://x.example', username: 'u' },
      },
    ],
    alarms,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.settings;
}

function rig(alarms: unknown) {
  let now = wednesday(10).getTime();
  let queue: QueueStatistics = { counts: [], oldestWaiting: [], lastFoundAt: null };
  let free = 50e9;
  const changes: AlarmChange[] = [];
  const watch = new AlarmWatch({
    settings: () => settings(alarms),
    dataDir: '/data',
    statistics: () => queue,
    destinations: () => [],
    pausedByPerson: () => false,
    heldByTimetable: () => false,
    onChange: (change) => changes.push(change),
    log: silentLogger,
    now: () => now,
    diskSpace: async () => ({ drive: 'one', freeBytes: free, totalBytes: 100e9 }),
  });
  return {
    watch,
    changes,
    advance: (ms: number) => (now += ms),
    set queue(next: QueueStatistics) {
      queue = next;
    },
    set free(bytes: number) {
      free = bytes;
    },
    get now() {
      return now;
    },
  };
}

describe('the alarm watch keeps which alarms are on', () => {
  it('a new recording clears "no new recordings" even when the queue’s clock is behind', async () => {
    const r = rig({ noNewRecordings: { minutes: 60 } });
    await r.watch.check();
    r.advance(61 * MINUTE);
    await r.watch.check();
    expect(r.watch.active().map((a) => a.id)).toEqual(['no-new-recordings']);
    expect(r.watch.active()[0]?.since).toBe(new Date(r.now).toISOString());
    r.queue = { counts: [], oldestWaiting: [], lastFoundAt: 1 };
    await r.watch.check();
    expect(r.watch.active()).toEqual([]);
    expect(r.changes.map((c) => `${c.change} ${c.alarm.id}`)).toEqual([
      'started no-new-recordings',
      'cleared no-new-recordings',
    ]);
  });

  it('an alarm that stays on is announced once, its words kept up to date', async () => {
    const r = rig({ noNewRecordings: 'off', backlogOlderThanMinutes: 30 });
    r.queue = { counts: [], oldestWaiting: [{ destination: 'et', at: r.now }], lastFoundAt: r.now };
    r.advance(31 * MINUTE);
    await r.watch.check();
    const first = r.watch.active()[0];
    r.advance(30 * MINUTE);
    await r.watch.check();
    expect(r.changes).toHaveLength(1);
    expect(r.watch.active()[0]?.since).toBe(first?.since);
    expect(r.watch.active()[0]?.message).toContain('1 h 1 min');
    r.queue = { counts: [], oldestWaiting: [], lastFoundAt: r.now };
    await r.watch.check();
    expect(r.changes.map((c) => c.change)).toEqual(['started', 'cleared']);
  });

  it('low disk space comes on below the limit and clears when space is freed', async () => {
    const r = rig({ noNewRecordings: 'off', lowDiskFreeBelow: '2GB' });
    r.free = 1e9;
    await r.watch.check();
    expect(r.watch.active()[0]?.message).toContain(
      'the watch folder /rec and the data folder /data',
    );
    r.free = 3e9;
    await r.watch.check();
    expect(r.watch.active()).toEqual([]);
    expect(r.changes.map((c) => `${c.change} ${c.alarm.id}`)).toEqual([
      'started low-disk-space',
      'cleared low-disk-space',
    ]);
  });

  it('an alarm switched off in the settings clears at the next check', async () => {
    let alarms: unknown = { noNewRecordings: 'off', lowDiskFreeBelow: '2GB' };
    const r = rig(undefined);
    const watch = new AlarmWatch({
      settings: () => settings(alarms),
      dataDir: '/data',
      statistics: () => ({ counts: [], oldestWaiting: [], lastFoundAt: null }),
      destinations: () => [],
      pausedByPerson: () => false,
      heldByTimetable: () => false,
      onChange: (change) => r.changes.push(change),
      log: silentLogger,
      diskSpace: async () => ({ drive: 'one', freeBytes: 1e6, totalBytes: 100e9 }),
    });
    await watch.check();
    alarms = { noNewRecordings: 'off', lowDiskFreeBelow: 'off' };
    await watch.check();
    expect(r.changes.map((c) => c.change)).toEqual(['started', 'cleared']);
  });
});

describe('alarm settings', () => {
  it('are on by default, as a small office expects: 60 minutes in weekday office hours, 2 hours, 2 GB', () => {
    expect(settings(undefined).alarms).toEqual({
      noNewRecordings: { minutes: 60, days: 'mon-fri', from: '09:00', to: '18:00' },
      backlogOlderThanMinutes: 120,
      lowDiskFreeBelow: '2GB',
    });
    expect(settings({ noNewRecordings: { days: 'daily' } }).alarms.noNewRecordings).toEqual({
      minutes: 60,
      days: 'daily',
      from: '09:00',
      to: '18:00',
    });
  });

  it('each can be switched off', () => {
    const off = settings({
      noNewRecordings: 'off',
      backlogOlderThanMinutes: 'off',
      lowDiskFreeBelow: 'off',
    });
    expect(off.alarms).toEqual({
      noNewRecordings: 'off',
      backlogOlderThanMinutes: 'off',
      lowDiskFreeBelow: 'off',
    });
  });

  it('refuse what they cannot read, saying what is expected', () => {
    const result = validateSettings({
      alarms: {
        lowDiskFreeBelow: 'lots',
        backlogOlderThanMinutes: -5,
        noNewRecordings: { from: '9am' },
      },
    });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    const text = JSON.stringify(errors);
    expect(text).toContain('alarms.lowDiskFreeBelow');
    expect(text).toContain('a share such as \\"5%\\"');
    expect(text).toContain('alarms.backlogOlderThanMinutes');
    expect(text).toContain('alarms.noNewRecordings');
  });
});
