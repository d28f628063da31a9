import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CourierApi } from '../../../preload/api.ts';
import type { DesktopExtras } from '../../../preload/desktop-api.ts';
import {
  API_METHODS,
  DESKTOP_METHODS,
  EVENT_CHANNEL,
  invokeChannel,
  NAVIGATE_CHANNEL,
  type ApiMethod,
  type DesktopMethod,
} from '../../../preload/ipc-channels.ts';
import { createIpcHandlers, type IpcTargets } from '../../../main/electron/ipc/ipc-handlers.ts';
import { registerIpc, sendEvent } from '../../../main/electron/ipc/register-ipc.ts';
import {
  isTrustedSender,
  type FrameLike,
  type SenderLike,
} from '../../../main/electron/ipc/trusted-sender.ts';
import { FakeBrowserWindow, ipcMain, resetFakeElectron } from './fake-electron.ts';
import { statusWith } from './status-fixture.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

/** Every command answers with its name and arguments, so a test sees what reached the core. */
function echoTargets(): IpcTargets & { calls: unknown[][] } {
  const calls: unknown[][] = [];
  const echo =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return { name, args };
    };
  const api = Object.fromEntries(API_METHODS.map((m) => [m, echo(m)])) as unknown as Pick<
    CourierApi,
    ApiMethod
  >;
  const desktop = Object.fromEntries(DESKTOP_METHODS.map((m) => [m, echo(m)])) as unknown as Pick<
    DesktopExtras,
    DesktopMethod
  >;
  return { api, desktop, calls };
}

const trusted = () => true;

function call(
  handlers: ReturnType<typeof createIpcHandlers<unknown>>,
  method: string,
  ...args: unknown[]
) {
  const handler = handlers.get(invokeChannel(method as ApiMethod));
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler({}, ...args);
}

describe('IPC commands reach the core only well formed', () => {
  it('every command of the contract and every desktop extra has a channel', () => {
    const handlers = createIpcHandlers(echoTargets(), trusted);
    expect([...handlers.keys()].sort()).toEqual(
      [...API_METHODS, ...DESKTOP_METHODS].map((m) => `courier:${m}`).sort(),
    );
  });

  it('well-formed commands are passed on with their arguments', async () => {
    const targets = echoTargets();
    const handlers = createIpcHandlers(targets, trusted);
    await call(handlers, 'listRecordings', { status: 'failed', q: 'agent 7', limit: 50 });
    await call(handlers, 'retry', 12);
    await call(handlers, 'setSecret', 'et', 'password', 's3cret!');
    await call(handlers, 'putSettings', { watch: [], profiles: [], note: undefined });
    await call(handlers, 'previewName', '2024-04-01_agent7.wav', { preset: '3cx' });
    await call(handlers, 'openRecordingsFolder');
    await call(handlers, 'setStartAtLogin', true);
    expect(targets.calls).toEqual([
      ['listRecordings', { status: 'failed', q: 'agent 7', limit: 50 }],
      ['retry', 12],
      ['setSecret', 'et', 'password', 's3cret!'],
      ['putSettings', { watch: [], profiles: [] }],
      ['previewName', '2024-04-01_agent7.wav', { preset: '3cx' }],
      ['openRecordingsFolder'],
      ['setStartAtLogin', true],
    ]);
  });

  it.each([
    ['retry', ['12'], /argument 1: Invalid input: expected number, received string/],
    ['retry', [-1], /argument 1/],
    ['retry', [1.5], /argument 1/],
    ['skip', [], /wrong number of arguments \(0 given\)/],
    ['pause', ['now'], /wrong number of arguments \(1 given\)/],
    ['listRecordings', [{ status: 'lost' }], /argument 1 \(status\)/],
    ['listRecordings', [{ limit: 100_000 }], /argument 1 \(limit\)/],
    ['listRecordings', [{ sql: 'drop table' }], /argument 1: unknown field "sql"/],
    ['enqueue', ['relative/call.wav'], /argument 1: must be a full path/],
    ['putSettings', [{ watch: [], when: new Date() }], /argument 1/],
    ['testProfile', [{ id: 'et' }], /argument 1/],
    ['showFile', ['calls/1.wav'], /argument 1: must be a full path/],
    ['setStartAtLogin', ['yes'], /argument 1/],
  ])('a malformed %s %j is refused before it reaches the core', async (method, args, reason) => {
    const targets = echoTargets();
    const handlers = createIpcHandlers(targets, trusted);
    await expect(call(handlers, method, ...args)).rejects.toThrow(reason);
    expect(targets.calls).toEqual([]);
  });

  it('a refused secret is never quoted back', async () => {
    const handlers = createIpcHandlers(echoTargets(), trusted);
    const secret = 'x'.repeat(70_000);
    const error = await call(handlers, 'setSecret', 'et', 'password', secret).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/setSecret.*argument 3/);
    expect((error as Error).message).not.toContain('xxxx');
  });

  it('messages from anything but our window are refused', async () => {
    const targets = echoTargets();
    const handlers = createIpcHandlers(targets, () => false);
    await expect(call(handlers, 'pause')).rejects.toThrow(
      'Call Courier refused "pause": it did not come from the Call Courier window',
    );
    expect(targets.calls).toEqual([]);
  });

  it('errors of the core reach the window in its own words', async () => {
    const targets = echoTargets();
    const api = {
      ...targets.api,
      retry: async () => {
        throw new Error('recording 9 was already delivered; nothing to retry');
      },
    };
    const handlers = createIpcHandlers({ api, desktop: targets.desktop }, trusted);
    await expect(call(handlers, 'retry', 9)).rejects.toThrow('recording 9 was already delivered');
  });
});

describe('the sender of a message is checked', () => {
  const mainFrame: FrameLike = {
    url: 'app://courier/index.html',
    processId: 3,
    routingId: 1,
    parent: null,
  };
  const window = { webContents: { id: 10, mainFrame } };
  const from = (frame: Partial<FrameLike> | null, senderId = 10): SenderLike => ({
    sender: { id: senderId },
    senderFrame: frame === null ? null : { ...mainFrame, ...frame },
  });

  it('our window main frame showing app://courier is trusted', () => {
    expect(isTrustedSender(from({}), window)).toBe(true);
    expect(isTrustedSender(from({ url: 'app://courier/settings/et' }), window)).toBe(true);
  });

  it.each([
    ['another window', from({}, 11)],
    ['a sub-frame', from({ routingId: 2, parent: mainFrame })],
    ['a frame of another process', from({ processId: 4 })],
    ['a web page', from({ url: 'https://evil.example/' })],
    ['a local file', from({ url: 'file:///tmp/x.html' })],
    ['another app:// host', from({ url: 'app://other/index.html' })],
    ['a frame that is gone', from(null)],
  ])('%s is not trusted', (_name, event) => {
    expect(isTrustedSender(event, window)).toBe(false);
  });

  it('nothing is trusted while there is no window', () => {
    expect(isTrustedSender(from({}), null)).toBe(false);
  });
});

describe('IPC with Electron', () => {
  beforeEach(() => resetFakeElectron());

  it('registers every channel with ipcMain, answers only our window, and unregisters', async () => {
    const targets = echoTargets();
    const window = new FakeBrowserWindow({});
    await window.loadURL('app://courier/index.html');
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('app://courier/index.html');
    const undo = registerIpc(targets, () => window as never);
    const status = ipcMain.handlers.get('courier:status');
    const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const foreign = { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame };
    await expect(status?.(own)).resolves.toEqual({ name: 'status', args: [] });
    await expect(status?.(foreign)).rejects.toThrow(/did not come from the Call Courier window/);
    window.webContents.destroyed = true;
    await expect(status?.(own)).rejects.toThrow(/did not come from the Call Courier window/);
    undo();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('core events go to the window on the events channel', () => {
    const window = new FakeBrowserWindow({});
    const event = { type: 'status', status: statusWith() } as const;
    sendEvent(window as never, event);
    sendEvent(null, event);
    expect(window.webContents.sent).toEqual([[EVENT_CHANNEL, event]]);
    expect(NAVIGATE_CHANNEL).not.toBe(EVENT_CHANNEL);
  });
});
