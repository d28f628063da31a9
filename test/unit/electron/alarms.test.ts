import { describe, expect, it, vi } from 'vitest';
import type { ActiveAlarm, CourierEvent } from '../../../preload/api.ts';
import { AttentionMonitor } from '../../../main/electron/notifications/attention-monitor.ts';
import type { Notice } from '../../../main/electron/notifications/notice-text.ts';
import { trayStateOf, trayTooltip } from '../../../main/electron/tray/tray-state.ts';
import { ManualClock } from './manual-clock.ts';
import { statusWith } from './status-fixture.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

const SECOND = 1000;

const noRecordings: ActiveAlarm = {
  id: 'no-new-recordings',
  since: '2030-01-02T10:00:00.000Z',
  message:
    'No new recording has arrived for 1 h of business hours: check that the recorder or PBX is running.',
};
const lowDisk: ActiveAlarm = {
  id: 'low-disk-space',
  since: '2030-01-02T10:05:00.000Z',
  message: 'Low disk space: only 1.5 GB of 100 GB is free on the drive of the watch folder /rec.',
};

function alarm(change: 'started' | 'cleared', which: ActiveAlarm): CourierEvent {
  return { type: 'alarm', change, alarm: which };
}

function setup() {
  const clock = new ManualClock();
  const notices: Notice[] = [];
  const monitor = new AttentionMonitor({ clock, notify: (n) => notices.push(n) });
  return { clock, notices, monitor };
}

describe('alarms in the tray', () => {
  it('an alarm shows the problem state, even when every recording is delivered', () => {
    expect(trayStateOf(statusWith())).toBe('idle');
    expect(trayStateOf({ ...statusWith(), alarms: [noRecordings] })).toBe('problem');
    expect(trayStateOf({ ...statusWith({ counts: { queued: 2 } }), alarms: [lowDisk] })).toBe(
      'problem',
    );
  });

  it('the tooltip names the alarms', () => {
    expect(trayTooltip({ ...statusWith(), alarms: [noRecordings, lowDisk] })).toBe(
      'Call Courier: No new recordings · low disk space',
    );
    expect(trayTooltip({ ...statusWith({ counts: { failed: 1 } }), alarms: [lowDisk] })).toBe(
      'Call Courier: 1 needs attention · low disk space',
    );
  });

  it('with the alarms cleared the tray is back to idle', () => {
    expect(trayStateOf({ ...statusWith(), alarms: [] })).toBe('idle');
    expect(trayTooltip({ ...statusWith(), alarms: [] })).toBe(
      'Call Courier: All recordings delivered',
    );
  });
});

describe('alarms as desktop notifications', () => {
  it('an alarm that comes on is one notification with what to do', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(alarm('started', noRecordings));
    clock.advance(30 * SECOND);
    expect(notices).toEqual([
      { title: 'No new recordings', body: noRecordings.message, view: 'settings' },
    ]);
  });

  it('an alarm that cleared itself within the burst is not announced', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(alarm('started', lowDisk));
    clock.advance(10 * SECOND);
    monitor.handle(alarm('cleared', lowDisk));
    clock.advance(30 * SECOND);
    expect(notices).toEqual([]);
  });

  it('an alarm that stays on is announced once; after it clears, coming on again is news', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(alarm('started', lowDisk));
    monitor.handle(alarm('started', lowDisk));
    clock.advance(30 * SECOND);
    expect(notices).toHaveLength(1);
    monitor.handle(alarm('cleared', lowDisk));
    monitor.handle(alarm('started', lowDisk));
    clock.advance(30 * SECOND);
    expect(notices.map((n) => n.title)).toEqual(['Low disk space', 'Low disk space']);
  });

  it('alarms and failed recordings together are one notification naming both', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(alarm('started', lowDisk));
    monitor.handle({
      type: 'recording',
      item: {
        id: 7,
        path: '/rec/call-7.wav',
        fileName: 'call-7.wav',
        destination: 'et',
        status: 'failed',
        error: 'mono audio',
        errorCode: 'mono',
        attempts: 1,
        remoteId: null,
        remoteUrl: null,
        metadata: {},
        audio: null,
        sizeBytes: 1000,
        updatedAt: '2030-01-02T10:00:00.000Z',
        nextAttemptAt: null,
        warnings: [],
      },
    });
    clock.advance(30 * SECOND);
    expect(notices).toEqual([
      {
        title: 'Call Courier needs attention',
        body: '1 recording could not be delivered; low disk space.',
        view: 'problems',
      },
    ]);
  });
});
