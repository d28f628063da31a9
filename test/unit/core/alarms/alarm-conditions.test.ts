import { describe, expect, it } from 'vitest';
import { backlogTooOld } from '../../../../main/core/alarms/backlog-too-old.ts';
import { parseDiskThreshold } from '../../../../main/core/alarms/disk-threshold.ts';
import { lowDiskSpace, readDrives } from '../../../../main/core/alarms/low-disk-space.ts';
import { noNewRecordings } from '../../../../main/core/alarms/no-new-recordings.ts';
import type { ProfileStatus } from '../../../../preload/api.ts';
import { wednesday } from './local-time.ts';

const hours = { minutes: 60, days: 'mon-fri', from: '09:00', to: '18:00' };
const folders = ['/var/spool/asterisk/monitor'];

describe('no new recordings in business hours', () => {
  const facts = (now: Date, lastRecordingAt: Date | null, startedAt = wednesday(7)) => ({
    now: now.getTime(),
    lastRecordingAt: lastRecordingAt?.getTime() ?? null,
    startedAt: startedAt.getTime(),
    watchFolders: folders,
  });

  it('comes on after an hour of business hours without a recording, saying what to check', () => {
    const alarm = noNewRecordings(hours, facts(wednesday(11, 30), wednesday(10, 29)));
    expect(alarm?.id).toBe('no-new-recordings');
    expect(alarm?.message).toContain('No new recording has arrived for 1 h 1 min');
    expect(alarm?.message).toContain('recorder or PBX');
    expect(alarm?.message).toContain('/var/spool/asterisk/monitor');
    expect(noNewRecordings(hours, facts(wednesday(11, 30), wednesday(10, 31)))).toBeNull();
  });

  it('the night does not count: yesterday evening’s last call is not silence at 09:30', () => {
    const lastEvening = wednesday(17, 55, -1);
    expect(noNewRecordings(hours, facts(wednesday(9, 30), lastEvening))).toBeNull();
    expect(noNewRecordings(hours, facts(wednesday(10, 0), lastEvening))?.id).toBe(
      'no-new-recordings',
    );
  });

  it('never comes on outside business hours, however long the silence', () => {
    const longAgo = wednesday(9, 0, -10);
    expect(noNewRecordings(hours, facts(wednesday(20, 0), longAgo))).toBeNull();
    expect(noNewRecordings(hours, facts(wednesday(7, 0), longAgo))).toBeNull();
    expect(noNewRecordings(hours, facts(wednesday(12, 0, 3), longAgo))).toBeNull(); // Saturday
  });

  it('counts from the service start, so a restart at 11:00 is not an hour of silence', () => {
    expect(noNewRecordings(hours, facts(wednesday(11, 30), null, wednesday(11, 0)))).toBeNull();
    expect(noNewRecordings(hours, facts(wednesday(12, 0), null, wednesday(11, 0)))?.id).toBe(
      'no-new-recordings',
    );
  });

  it('is off when switched off, or when no folder is watched', () => {
    const quiet = facts(wednesday(15, 0), null);
    expect(noNewRecordings('off', quiet)).toBeNull();
    expect(noNewRecordings(hours, { ...quiet, watchFolders: [] })).toBeNull();
  });
});

describe('a backlog too old', () => {
  const et: ProfileStatus = {
    id: 'et',
    connector: 'enderturing',
    label: 'Ender Turing',
    state: 'active',
  };
  const base = {
    now: wednesday(12).getTime(),
    destinations: [et],
    pausedByPerson: false,
    heldByTimetable: false,
  };
  const waitingSince = (at: Date) => [{ destination: 'et', at: at.getTime() }];

  it('comes on when the oldest undelivered recording waited past the limit', () => {
    const alarm = backlogTooOld(120, { ...base, oldestWaiting: waitingSince(wednesday(9, 30)) });
    expect(alarm?.id).toBe('backlog-too-old');
    expect(alarm?.message).toContain('Recordings for Ender Turing have waited 2 h 30 min');
    expect(
      backlogTooOld(120, { ...base, oldestWaiting: waitingSince(wednesday(10, 30)) }),
    ).toBeNull();
    expect(backlogTooOld(120, { ...base, oldestWaiting: [] })).toBeNull();
  });

  it('says why: a pause by a person, or a destination that needs its credentials', () => {
    const late = waitingSince(wednesday(6));
    expect(
      backlogTooOld(120, { ...base, oldestWaiting: late, pausedByPerson: true })?.message,
    ).toContain('delivery is paused; press Resume');
    const stuck = { ...et, state: 'paused' as const, message: 'the password was refused' };
    expect(
      backlogTooOld(120, { ...base, oldestWaiting: late, destinations: [stuck] })?.message,
    ).toContain('Ender Turing is paused (the password was refused)');
  });

  it('stays quiet while the upload timetable holds delivery on purpose, and when off', () => {
    const late = waitingSince(wednesday(6));
    expect(backlogTooOld(120, { ...base, oldestWaiting: late, heldByTimetable: true })).toBeNull();
    expect(backlogTooOld('off', { ...base, oldestWaiting: late })).toBeNull();
  });
});

describe('low disk space on the watch folder’s and the data folder’s drives', () => {
  const GB = 1e9;
  const drives = {
    '/rec': { drive: 'sda1', freeBytes: 1.5 * GB, totalBytes: 100 * GB },
    '/var/lib/call-courier': { drive: 'sdb1', freeBytes: 50 * GB, totalBytes: 100 * GB },
  } as Record<string, { drive: string; freeBytes: number; totalBytes: number }>;
  const read = async (path: string) => drives[path] ?? null;
  const places = [
    { path: '/rec', role: 'watch folder' as const },
    { path: '/missing', role: 'watch folder' as const },
    { path: '/var/lib/call-courier', role: 'data folder' as const },
  ];

  it('comes on for the drive below the limit, naming the folder on it', async () => {
    const alarm = lowDiskSpace(parseDiskThreshold('2GB') ?? null, await readDrives(places, read));
    expect(alarm?.id).toBe('low-disk-space');
    expect(alarm?.message).toContain(
      'only 1.5 GB of 100 GB is free on the drive of the watch folder /rec',
    );
    expect(alarm?.message).not.toContain('data folder');
    expect(alarm?.message).toContain('Free some space');
  });

  it('watches the data folder’s drive too, and tells one drive once', async () => {
    const oneDrive = async (path: string) =>
      path === '/missing' ? null : { drive: 'sda1', freeBytes: 0.3 * GB, totalBytes: 20 * GB };
    const alarm = lowDiskSpace(
      parseDiskThreshold('1GB') ?? null,
      await readDrives(places, oneDrive),
    );
    expect(alarm?.message).toContain(
      'only 300 MB of 20 GB is free on the drive of the watch folder /rec and the data folder /var/lib/call-courier',
    );
  });

  it('takes a share of the drive as the limit', async () => {
    const readings = await readDrives(places, read);
    expect(lowDiskSpace(parseDiskThreshold('2%') ?? null, readings)?.message).toContain('below 2%');
    expect(lowDiskSpace(parseDiskThreshold('1%') ?? null, readings)).toBeNull();
  });

  it('clears once space is freed, and is off when switched off', async () => {
    drives['/rec'] = { drive: 'sda1', freeBytes: 30 * GB, totalBytes: 100 * GB };
    expect(
      lowDiskSpace(parseDiskThreshold('2GB') ?? null, await readDrives(places, read)),
    ).toBeNull();
    drives['/rec'] = { drive: 'sda1', freeBytes: 0, totalBytes: 100 * GB };
    expect(
      lowDiskSpace(parseDiskThreshold('off') ?? null, await readDrives(places, read)),
    ).toBeNull();
  });

  it('reads limits as sizes or shares, and refuses what it cannot read', () => {
    expect(parseDiskThreshold('2GB')).toEqual({ kind: 'bytes', bytes: 2e9 });
    expect(parseDiskThreshold('500 MiB')).toEqual({ kind: 'bytes', bytes: 524_288_000 });
    expect(parseDiskThreshold('5%')).toEqual({ kind: 'percent', percent: 5 });
    expect(parseDiskThreshold('off')).toBeNull();
    for (const bad of ['lots', '0', '0%', '150%', '2MB/s', '']) {
      expect(parseDiskThreshold(bad), bad).toBeUndefined();
    }
  });
});
