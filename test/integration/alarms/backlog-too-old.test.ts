import { afterEach, describe, expect, it } from 'vitest';
import { waitForStatus } from '../delivery/service-fixture.ts';
import { startAlarmRig, withAlarms, type AlarmRig } from './alarm-rig.ts';

const MINUTE = 60_000;

describe('the "backlog too old" alarm', () => {
  let current: AlarmRig | undefined;
  afterEach(async () => {
    await current?.rig.stop();
    current = undefined;
  });

  it('comes on when the oldest undelivered recording waited past the limit, and clears itself once it is delivered', async () => {
    let ahead = 0;
    const r = await startAlarmRig('alarm-backlog', {
      configure: withAlarms({
        noNewRecordings: 'off',
        backlogOlderThanMinutes: 30,
        lowDiskFreeBelow: 'off',
      }),
      service: { alarmClock: () => Date.now() + ahead },
    });
    current = r;
    await r.service.pause();
    await r.record('call-1.wav');
    await waitForStatus(r.service, (s) => s.counts.queued === 1);
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual([]);

    ahead = 31 * MINUTE;
    await r.service.checkAlarms();
    const [alarm] = (await r.service.status()).alarms ?? [];
    expect(alarm?.id).toBe('backlog-too-old');
    expect(alarm?.message).toContain('have waited 31 min without being delivered');
    expect(alarm?.message).toContain('delivery is paused; press Resume');
    expect(await r.service.metrics()).toContain(
      'call_courier_alarm_active{alarm="backlog-too-old"} 1',
    );

    await r.service.resume();
    await waitForStatus(r.service, (s) => s.counts.uploaded === 1);
    await r.service.checkAlarms();
    expect(await r.activeIds()).toEqual([]);
    expect(r.changes).toEqual(['started backlog-too-old', 'cleared backlog-too-old']);
    expect(r.rig.emulator.uploads).toHaveLength(1);
  });
});
