import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MonitoringInfo } from '../../../preload/api.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { startDesktopCore } from '../../../main/electron/core/start-core.ts';
import { runDesktopApp } from '../../../main/electron/desktop-app.ts';
import type { DesktopShell } from '../../../main/electron/desktop-shell.ts';
import { app, FakeBrowserWindow, ipcMain, resetFakeElectron } from './fake-electron.ts';
import { storedDocuments } from './fake-electron-store.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
vi.mock('electron-store', () => import('./fake-electron-store.ts'));

let userData = '';
let appPath = '';
let running: DesktopShell | null = null;

beforeEach(async () => {
  resetFakeElectron();
  storedDocuments.clear();
  userData = await mkdtemp(join(tmpdir(), 'courier-desktop-lan-'));
  appPath = await mkdtemp(join(tmpdir(), 'courier-desktop-app-'));
  await mkdir(join(appPath, 'dist', 'renderer'), { recursive: true });
  await writeFile(
    join(appPath, 'dist', 'renderer', 'index.html'),
    '<!doctype html><title>Call Courier</title>',
  );
  app.userData = userData;
  app.appPath = appPath;
  vi.stubEnv('XDG_CONFIG_HOME', userData);
});

afterEach(async () => {
  await running?.stop();
  running = null;
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
  await rm(appPath, { recursive: true, force: true });
});

/** Calls a window command over the (fake) IPC, as the window would. */
async function invoke(method: string, ...args: unknown[]): Promise<unknown> {
  const [window] = FakeBrowserWindow.all;
  if (!window) throw new Error('no window');
  const handler = ipcMain.handlers.get(`courier:${method}`);
  if (!handler) throw new Error(`no handler for ${method}`);
  return handler(
    { sender: window.webContents, senderFrame: window.webContents.mainFrame },
    ...args,
  );
}

async function statusCode(url: string, token: string | null): Promise<number | 'refused'> {
  return request(url, { headers: token === null ? {} : { authorization: `Bearer ${token}` } }).then(
    async (answer) => (await answer.body.dump(), answer.statusCode),
    () => 'refused' as const,
  );
}

describe('"Allow supervisor monitoring" in the desktop app', () => {
  it('switched on in Settings, the window shows the address and monitor token that reach it; switched off, it stops', async () => {
    const started = runDesktopApp({
      argv: ['electron', '.'],
      startCore: (options) => startDesktopCore({ ...options, secrets: new MemorySecretStore() }),
    });
    app.becomeReady();
    running = await started;

    const off = (await invoke('monitoring')) as MonitoringInfo;
    expect(off).toMatchObject({ enabled: false, listening: false, addresses: [] });

    const settings = (await invoke('getSettings')) as object;
    const on = { ...settings, monitoring: { enabled: true, listen: '127.0.0.1:0' } };
    await expect(invoke('putSettings', on)).resolves.toEqual({ ok: true });
    const info = (await invoke('monitoring')) as MonitoringInfo;
    expect(info).toMatchObject({ enabled: true, listening: true, problem: null });
    const address = info.addresses[0] ?? '';
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    expect(await statusCode(`${address}/api/v1/status`, null)).toBe(401);
    expect(await statusCode(`${address}/api/v1/status`, info.monitorToken)).toBe(200);
    expect(await statusCode(`${address}/api/v1/settings`, info.monitorToken)).toBe(403);
    // The same window as the app's, for a supervisor who follows the link.
    const page = await request(`${address}/`);
    expect(await page.body.text()).toContain('<title>Call Courier</title>');

    const offAgain = { ...settings, monitoring: { enabled: false } };
    await expect(invoke('putSettings', offAgain)).resolves.toEqual({ ok: true });
    expect(await invoke('monitoring')).toMatchObject({ listening: false, addresses: [] });
    expect(await statusCode(`${address}/api/v1/status`, info.monitorToken)).toBe('refused');
  });
});
