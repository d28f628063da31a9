import { afterEach, describe, expect, it } from 'vitest';
import { waitForStatus } from '../delivery/service-fixture.ts';
import { startAlarmRig, withAlarms, type AlarmRig } from './alarm-rig.ts';

/** A local time on a Wednesday in the future (2030-01-02), so the queue's own times are all before it. */
function wednesday(hours: number, minutes = 0, dayOffset = 0): number {
  return new Date(2030, 0, 2 + dayOffset, hours, minutes).getTime();
}

/** A clock the test moves; the service's alarms read it. */
function movableClock(start: number) {
  let now = start;
  return { now: () => now, set: (at: number) => (now = at) };
}

const officeHours = { minutes: 60, days: 'mon-fri', from: '09:00', to: '18:00' };

describe('the "no new recordings" alarm (the recorder or PBX has stopped)', () => {
  let current: AlarmRig | undefined;
  afterEach(async () => {
    await current?.rig.stop();
    current = undefined;
  });

  it('comes on after an hour of business hours without a recording, and clears itself when the next one arrives', async () => {
    const clock = movableClock(wednesday(10));
    const r = await startAlarmRig('alarm-no-new', {
      configure: withAlarms({
        noNewRecordings: officeHours,
        backlogOlderThanMinutes: 'off',
        lowDiskFreeBelow: 'off',
      }),
      service: { alarmClock: clock.now, alarmIntervalMs: 50 },
    });
    current = r;
    await r.service.checkAlarms();
    clock.set(wednesday(10, 59));
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual([]);

    clock.set(wednesday(11, 1));
    await r.service.checkAlarms();
    const status = await r.service.status();
    expect(status.alarms).toEqual([
      {
        id: 'no-new-recordings',
        since: new Date(wednesday(11, 1)).toISOString(),
        message: expect.stringContaining('check that the recorder or PBX is running') as string,
      },
    ]);
    expect(status.alarms?.[0]?.message).toContain(r.rig.folder);
    // What existed before is unchanged.
    expect(status.state).toBe('running');
    expect(status.counts.queued).toBe(0);
    const metrics = await r.service.metrics();
    expect(metrics).toContain('call_courier_alarm_active{alarm="no-new-recordings"} 1');
    expect(metrics).toContain('call_courier_alarm_active{alarm="backlog-too-old"} 0');

    await r.record('call-1.wav');
    await waitForStatus(r.service, (s) => s.counts.queued + s.counts.uploaded > 0);
    // The timer (every 50 ms) sees the new recording by itself.
    await waitForStatus(r.service, (s) => (s.alarms ?? []).length === 0);
    expect(r.changes).toEqual(['started no-new-recordings', 'cleared no-new-recordings']);
    expect(await r.service.metrics()).toContain(
      'call_courier_alarm_active{alarm="no-new-recordings"} 0',
    );
  });

  it('stays quiet outside business hours: evenings, nights, weekends, and the first hour of the day', async () => {
    const clock = movableClock(wednesday(17, 30));
    const r = await startAlarmRig('alarm-no-new-hours', {
      configure: withAlarms({
        noNewRecordings: officeHours,
        backlogOlderThanMinutes: 'off',
        lowDiskFreeBelow: 'off',
      }),
      service: { alarmClock: clock.now },
    });
    current = r;
    for (const at of [
      wednesday(18, 0), // closing time
      wednesday(23, 0),
      wednesday(8, 59, 1), // Thursday, before opening
      wednesday(9, 59, 1), // Thursday: less than an hour since opening
      wednesday(12, 0, 3), // Saturday
      wednesday(12, 0, 4), // Sunday
    ]) {
      clock.set(at);
      await r.service.checkAlarms();
      expect(await r.activeIds(), new Date(at).toString()).toEqual([]);
    }
    clock.set(wednesday(10, 0, 5)); // Monday, an hour after opening
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual(['no-new-recordings']);
    clock.set(wednesday(18, 1, 5)); // Monday after closing: the condition ended
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual([]);
    expect(r.changes).toEqual(['started no-new-recordings', 'cleared no-new-recordings']);
  });

  it('switched off in the settings, it clears at once and stays off', async () => {
    const clock = movableClock(wednesday(10));
    const r = await startAlarmRig('alarm-no-new-off', {
      configure: withAlarms({
        noNewRecordings: officeHours,
        backlogOlderThanMinutes: 'off',
        lowDiskFreeBelow: 'off',
      }),
      service: { alarmClock: clock.now },
    });
    current = r;
    clock.set(wednesday(12));
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual(['no-new-recordings']);
    const raw = (await r.service.getSettings()) as Record<string, unknown>;
    const update = await r.service.putSettings({
      ...raw,
      alarms: { noNewRecordings: 'off', lowDiskFreeBelow: 'off' },
    });
    expect(update).toEqual({ ok: true });
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual([]);
    clock.set(wednesday(17));
    await r.service.checkAlarms();
    expect(r.changes).toEqual(['started no-new-recordings', 'cleared no-new-recordings']);
  });
});
