import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ActiveAlarm, StatusAnswer } from '../../../preload/api.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { mountTmpfs } from '../../reliability/crash/tmpfs.ts';
import { startHttpRig, type HttpRig } from '../api/api-fixture.ts';
import { runCli } from '../cli/run-cli.ts';
import type { RigConfig } from '../delivery/service-fixture.ts';
import { fill } from './alarm-rig.ts';

describe('alarms through the local HTTP API, as the window, supervisors and Prometheus see them', async () => {
  const root = await tempDirForSuite('call-courier-alarm-http-');
  const drive = join(root, 'small-drive');
  const canMount = await mountTmpfs(drive, '4m');
  let rig: HttpRig | undefined;
  afterAll(async () => {
    await rig?.stop();
  });

  it.skipIf(!canMount)(
    'an alarm shows in the status, /metrics and the event stream, and its clearing too',
    async () => {
      const alarms = { noNewRecordings: 'off', backlogOlderThanMinutes: 'off' };
      const noLimit = { ...alarms, lowDiskFreeBelow: 'off' };
      const http = await startHttpRig('alarms', {
        configure: (base) =>
          ({
            ...base,
            watch: [{ path: drive, destinations: ['et'] }],
            alarms: noLimit,
          }) as RigConfig,
      });
      rig = http;
      const monitor = { token: http.running.monitorToken };
      const events = await http.openEvents();
      expect(events.status).toBe(200);
      const before = (await http.call('GET', '/api/v1/status')).json() as StatusAnswer;
      expect(before.alarms).toEqual([]);

      await fill(join(drive, '.filler'), 3 * 1024 * 1024);
      // Saving the settings checks the alarms at once.
      const settings = (await http.call('GET', '/api/v1/settings')).json() as Record<
        string,
        unknown
      >;
      const withLimit = { ...settings, alarms: { ...alarms, lowDiskFreeBelow: '2MB' } };
      expect((await http.call('PUT', '/api/v1/settings', { json: withLimit })).status).toBe(200);

      const on = await http.waitForStatus((s) => (s.alarms ?? []).length > 0);
      expect(on.alarms).toEqual([
        {
          id: 'low-disk-space',
          since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
          message: expect.stringContaining(`the watch folder ${drive}`) as string,
        },
      ]);
      // The fields from before the alarms are all still there.
      expect(Object.keys(on)).toEqual(expect.arrayContaining(Object.keys(before)));
      const seenBySupervisor = (
        await http.call('GET', '/api/v1/status', monitor)
      ).json() as StatusAnswer;
      expect(seenBySupervisor.alarms?.map((a) => a.id)).toEqual(['low-disk-space']);
      const metrics = (await http.call('GET', '/metrics', monitor)).text;
      expect(metrics).toContain('# TYPE call_courier_alarm_active gauge');
      expect(metrics).toContain('call_courier_alarm_active{alarm="low-disk-space"} 1');
      expect(metrics).toContain('call_courier_alarm_active{alarm="no-new-recordings"} 0');
      const cli = await runCli([
        'status',
        '--listen',
        new URL(http.running.url).host,
        '--data-dir',
        http.dataDir,
      ]);
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain(
        `ALARM low-disk-space since ${on.alarms?.[0]?.since}: Low disk space:`,
      );
      await vi.waitFor(() => expect(events.events('alarm')).toHaveLength(1), { timeout: 10_000 });
      const [started] = events.events('alarm') as { change: string; alarm: ActiveAlarm }[];
      expect(started?.change).toBe('started');
      // The message follows the facts while the alarm is on; which alarm, and since when, do not.
      expect(started?.alarm).toMatchObject({ id: 'low-disk-space', since: on.alarms?.[0]?.since });

      await rm(join(drive, '.filler'));
      expect((await http.call('PUT', '/api/v1/settings', { json: withLimit })).status).toBe(200);
      await http.waitForStatus((s) => (s.alarms ?? []).length === 0);
      expect((await http.call('GET', '/metrics', monitor)).text).toContain(
        'call_courier_alarm_active{alarm="low-disk-space"} 0',
      );
      await vi.waitFor(() => expect(events.events('alarm')).toHaveLength(2), { timeout: 10_000 });
      expect(events.events('alarm')[1]).toMatchObject({
        type: 'alarm',
        change: 'cleared',
        alarm: { id: 'low-disk-space', since: started?.alarm.since },
      });
      events.close();
    },
  );
});
