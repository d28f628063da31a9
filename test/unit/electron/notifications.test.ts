import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CourierEvent, RecordingItem } from '../../../preload/api.ts';
import type { DesktopView } from '../../../preload/desktop-api.ts';
import { AttentionMonitor } from '../../../main/electron/notifications/attention-monitor.ts';
import { DesktopNotifier } from '../../../main/electron/notifications/desktop-notifier.ts';
import type { Notice } from '../../../main/electron/notifications/notice-text.ts';
import { Notification, resetFakeElectron } from './fake-electron.ts';
import { ManualClock } from './manual-clock.ts';
import { profile, statusWith } from './status-fixture.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function failed(id: number, error = 'the platform refused the file: mono audio'): CourierEvent {
  return { type: 'recording', item: item(id, 'failed', error) };
}

function item(
  id: number,
  status: RecordingItem['status'],
  error: string | null = null,
): RecordingItem {
  return {
    id,
    path: `/rec/call-${id}.wav`,
    fileName: `call-${id}.wav`,
    destination: 'et',
    status,
    error,
    errorCode: error ? 'rejected' : null,
    attempts: 1,
    remoteId: null,
    remoteUrl: null,
    metadata: {},
    audio: null,
    sizeBytes: 1000,
    updatedAt: '2024-04-01T15:21:00.000Z',
    nextAttemptAt: null,
    warnings: [],
  };
}

function setup() {
  const clock = new ManualClock();
  const notices: Notice[] = [];
  const monitor = new AttentionMonitor({ clock, notify: (n) => notices.push(n) });
  return { clock, notices, monitor };
}

describe('notifications tell a person only what they must act on, once per burst', () => {
  it('a burst of failed recordings is one notification that opens Problems', () => {
    const { clock, notices, monitor } = setup();
    for (let id = 1; id <= 5; id += 1) {
      monitor.handle(failed(id));
      clock.advance(2 * SECOND);
    }
    expect(notices).toEqual([]);
    clock.advance(30 * SECOND);
    expect(notices).toEqual([
      {
        title: '5 recordings could not be delivered',
        body: 'Open Problems to see why, and retry or skip them.',
        view: 'problems',
      },
    ]);
  });

  it('one failed recording is named with its reason', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(failed(7, 'mono file: Ender Turing needs stereo'));
    clock.advance(30 * SECOND);
    expect(notices).toEqual([
      {
        title: '1 recording could not be delivered',
        body: 'call-7.wav: mono file: Ender Turing needs stereo',
        view: 'problems',
      },
    ]);
  });

  it('a later failure starts a new burst; the same failed recording is not announced twice', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(failed(1));
    clock.advance(30 * SECOND);
    monitor.handle(failed(1)); // the row changed again, still failed
    clock.advance(5 * MINUTE);
    expect(notices).toHaveLength(1);
    monitor.handle(failed(2));
    clock.advance(30 * SECOND);
    expect(notices).toHaveLength(2);
    expect(notices[1]?.body).toContain('call-2.wav');
  });

  it('recordings that are delivered, waiting or retrying are not announced', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle({ type: 'recording', item: item(1, 'uploaded') });
    monitor.handle({ type: 'recording', item: item(2, 'retrying', 'the platform is busy') });
    monitor.handle({ type: 'progress', id: 3, sentBytes: 10, sizeBytes: 100 });
    monitor.handle({ type: 'status', status: statusWith({ counts: { queued: 4 } }) });
    clock.advance(10 * MINUTE);
    expect(notices).toEqual([]);
  });

  it('a failure a person already retried within the burst is not announced', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(failed(1));
    monitor.handle({ type: 'recording', item: item(1, 'queued') });
    clock.advance(30 * SECOND);
    expect(notices).toEqual([]);
  });

  it('refused credentials pause a destination: the click opens its settings', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle({ type: 'status', status: statusWith() });
    monitor.handle({
      type: 'status',
      status: statusWith({
        profiles: [profile('et', 'paused', 'Ender Turing refused the password')],
      }),
    });
    clock.advance(30 * SECOND);
    expect(notices).toEqual([
      {
        title: 'Delivery to Ender Turing is paused',
        body: 'Ender Turing refused the password',
        view: 'settings/et',
      },
    ]);
  });

  it('an offline destination is announced only after 15 minutes offline', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle({
      type: 'status',
      status: statusWith({ profiles: [profile('et', 'offline')] }),
    });
    clock.advance(14 * MINUTE);
    expect(notices).toEqual([]);
    clock.advance(1 * MINUTE + 30 * SECOND);
    expect(notices).toEqual([
      {
        title: 'Ender Turing has been unreachable for 15 minutes',
        body: 'Recordings wait and go as soon as it answers. Check the network, or the address in its settings.',
        view: 'settings/et',
      },
    ]);
  });

  it('a destination back within 15 minutes is never announced', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle({
      type: 'status',
      status: statusWith({ profiles: [profile('et', 'offline')] }),
    });
    clock.advance(10 * MINUTE);
    monitor.handle({ type: 'status', status: statusWith({ profiles: [profile('et', 'active')] }) });
    clock.advance(60 * MINUTE);
    expect(notices).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('a destination that stays offline is announced once per offline spell', () => {
    const { clock, notices, monitor } = setup();
    const offline = statusWith({ profiles: [profile('et', 'offline')] });
    monitor.handle({ type: 'status', status: offline });
    clock.advance(20 * MINUTE);
    monitor.handle({ type: 'status', status: offline });
    clock.advance(60 * MINUTE);
    expect(notices).toHaveLength(1);
  });

  it('different troubles in one burst make one notification', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(failed(1));
    monitor.handle(failed(2));
    monitor.handle({
      type: 'status',
      status: statusWith({ profiles: [profile('et', 'paused', 'password refused')] }),
    });
    clock.advance(30 * SECOND);
    expect(notices).toEqual([
      {
        title: 'Call Courier needs attention',
        body: '2 recordings could not be delivered; delivery to Ender Turing is paused.',
        view: 'problems',
      },
    ]);
  });

  it('after dispose nothing more is announced', () => {
    const { clock, notices, monitor } = setup();
    monitor.handle(failed(1));
    monitor.handle({
      type: 'status',
      status: statusWith({ profiles: [profile('et', 'offline')] }),
    });
    monitor.dispose();
    clock.advance(60 * MINUTE);
    expect(notices).toEqual([]);
    expect(clock.pending).toBe(0);
  });
});

describe('a native notification', () => {
  beforeEach(() => resetFakeElectron());

  it('shows the notice, and its click opens the view it names', () => {
    const opened: DesktopView[] = [];
    const notifier = new DesktopNotifier((view) => opened.push(view));
    notifier.show({
      title: 'Delivery to Ender Turing is paused',
      body: 'password refused',
      view: 'settings/et',
    });
    const [shown] = Notification.all;
    expect(shown?.shown).toBe(true);
    expect(shown?.options).toEqual({
      title: 'Delivery to Ender Turing is paused',
      body: 'password refused',
    });
    shown?.emit('click');
    expect(opened).toEqual(['settings/et']);
  });

  it('is skipped where the system has no notifications', () => {
    Notification.supported = false;
    new DesktopNotifier(() => undefined).show({ title: 't', body: 'b', view: 'problems' });
    expect(Notification.all).toEqual([]);
  });
});
