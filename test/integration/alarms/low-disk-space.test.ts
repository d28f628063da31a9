import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { mountTmpfs } from '../../reliability/crash/tmpfs.ts';
import { waitForStatus, type RigConfig } from '../delivery/service-fixture.ts';
import { fill, startAlarmRig, type AlarmRig } from './alarm-rig.ts';

describe('the low disk space alarm, on a real 4 MB drive', async () => {
  const root = await tempDirForSuite('call-courier-alarm-disk-');
  const drive = join(root, 'small-drive');
  const canMount = await mountTmpfs(drive, '4m');
  let current: AlarmRig | undefined;
  afterAll(async () => {
    await current?.rig.stop();
  });

  it.skipIf(!canMount)(
    'comes on when the watch folder’s drive runs low, and clears itself when space is freed',
    async () => {
      const r = await startAlarmRig('alarm-disk', {
        configure: (base: RigConfig) =>
          ({
            ...base,
            watch: [{ path: drive, destinations: ['et'] }],
            alarms: { noNewRecordings: 'off', lowDiskFreeBelow: '2MB' },
          }) as RigConfig,
        service: { alarmIntervalMs: 100 },
      });
      current = r;
      await r.service.checkAlarms();
      expect(await r.activeIds()).toEqual([]);

      // A hidden file: the watcher leaves it alone, but it takes the space.
      const filler = join(drive, '.filler');
      await fill(filler, 3 * 1024 * 1024);
      const on = await waitForStatus(r.service, (s) => (s.alarms ?? []).length > 0);
      expect(on.alarms?.map((a) => a.id)).toEqual(['low-disk-space']);
      expect(on.alarms?.[0]?.message).toContain(
        `is free on the drive of the watch folder ${drive}`,
      );
      expect(on.alarms?.[0]?.message).toContain('below 2 MB');
      expect(on.alarms?.[0]?.message).not.toContain('data folder');

      await rm(filler);
      await waitForStatus(r.service, (s) => (s.alarms ?? []).length === 0);
      expect(r.changes).toEqual(['started low-disk-space', 'cleared low-disk-space']);
    },
  );
});
