import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { startDesktopCore } from '../../../main/electron/core/start-core.ts';
import { runDesktopApp } from '../../../main/electron/desktop-app.ts';
import type { DesktopShell } from '../../../main/electron/desktop-shell.ts';
import {
  app,
  dialog,
  FakeBrowserWindow,
  ipcMain,
  Notification,
  protocol,
  resetFakeElectron,
  Tray,
} from './fake-electron.ts';
import { storedDocuments, unreadableFolders } from './fake-electron-store.ts';

vi.mock('electron', () => import('./fake-electron.ts'));
vi.mock('electron-store', () => import('./fake-electron-store.ts'));

let userData = '';
let running: DesktopShell | null = null;

beforeEach(async () => {
  resetFakeElectron();
  storedDocuments.clear();
  userData = await mkdtemp(join(tmpdir(), 'courier-desktop-'));
  app.userData = userData;
  app.appPath = '/opt/call-courier/resources/app';
  vi.stubEnv('XDG_CONFIG_HOME', userData);
});

afterEach(async () => {
  await running?.stop();
  running = null;
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
});

/** Starts the app as Electron would, with the keychain replaced by memory. */
async function launch(argv: readonly string[] = ['electron', '.']): Promise<DesktopShell | null> {
  const started = runDesktopApp({
    argv,
    startCore: (options) => startDesktopCore({ ...options, secrets: new MemorySecretStore() }),
  });
  app.becomeReady();
  running = await started;
  return running;
}

function onlyWindow(): FakeBrowserWindow {
  expect(FakeBrowserWindow.all).toHaveLength(1);
  const [window] = FakeBrowserWindow.all;
  if (!window) throw new Error('no window');
  return window;
}

/** A message from the window's own page. */
function fromWindow(window: FakeBrowserWindow) {
  return { sender: window.webContents, senderFrame: window.webContents.mainFrame };
}

describe('one Call Courier at a time', () => {
  it('a second launch quits at once, without starting the core or a window', async () => {
    app.hasLock = false;
    const startCore = vi.fn();
    const started = runDesktopApp({ argv: [], startCore });
    app.becomeReady();
    expect(await started).toBeNull();
    expect(app.quitRequests).toBe(1);
    expect(startCore).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.all).toEqual([]);
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('launching it again brings the running window to the front', async () => {
    await launch(['electron', '.', '--hidden']);
    const window = onlyWindow();
    window.close();
    expect(window.visible).toBe(false);
    app.emit('second-instance', {}, ['electron', '.'], '/home/me');
    expect(window).toMatchObject({ visible: true, focused: true });
  });
});

describe('starting', () => {
  it('launched again while still starting, the first one shows its window once ready', async () => {
    const started = runDesktopApp({
      argv: ['call-courier', '--hidden'],
      startCore: (options) => startDesktopCore({ ...options, secrets: new MemorySecretStore() }),
    });
    app.emit('second-instance', {}, [], '/');
    app.becomeReady();
    running = await started;
    const window = onlyWindow();
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('sets up the sandbox and the app:// scheme before Electron is ready', () => {
    void runDesktopApp({ argv: [] });
    expect(app.sandboxed).toBe(true);
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
  });

  it('launched by a person, the window shows once its page is ready', async () => {
    await launch();
    const window = onlyWindow();
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    expect(window.webContents.mainFrame.url).toBe('app://courier/index.html');
    expect(window.options.webPreferences).toMatchObject({
      preload: '/opt/call-courier/resources/app/dist/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
    });
  });

  it('launched at login, it starts in the tray with the window hidden', async () => {
    await launch(['call-courier', '--hidden']);
    const window = onlyWindow();
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
    expect(Tray.all).toHaveLength(1);
    expect(Tray.all[0]?.tooltip).toBe('Call Courier: All recordings delivered');
  });

  it('macOS saying it was opened at login also starts it hidden', async () => {
    app.wasOpenedAtLogin = true;
    await launch();
    const window = onlyWindow();
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
  });

  it('the core keeps its queue and logs in the user-data folder', async () => {
    await launch();
    const files = await readdir(userData);
    expect(files).toEqual(expect.arrayContaining(['queue.sqlite', 'logs']));
  });

  it('when the core cannot start, the person is told and the app quits', async () => {
    const started = runDesktopApp({
      argv: [],
      startCore: async () => {
        throw new Error('Another Call Courier is using this data folder');
      },
    });
    app.becomeReady();
    expect(await started).toBeNull();
    expect(dialog.errors).toEqual([
      ['Call Courier could not start', 'Another Call Courier is using this data folder'],
    ]);
    expect(app.exited).toBe(true);
  });
});

describe('settings live in electron-store, checked like the config file', () => {
  const settings = (folder: string) => ({
    watch: [{ path: folder, destinations: ['et'] }],
    profiles: [
      {
        id: 'et',
        connector: 'enderturing',
        options: { baseUrl: 'https://company.enderturing.com', username: 'up@company.com' },
      },
    ],
  });

  it('settings saved from the window are stored, and the tray offers their folder', async () => {
    const folder = join(userData, 'recordings');
    await mkdir(folder);
    await launch();
    const window = onlyWindow();
    const put = ipcMain.handlers.get('courier:putSettings');
    await expect(put?.(fromWindow(window), settings(folder))).resolves.toEqual({ ok: true });
    expect(storedDocuments.get(userData)).toEqual(settings(folder));
    const folderItem = Tray.all[0]?.menu?.template.find((i) => i.id === 'folder');
    expect(folderItem?.enabled).not.toBe(false);
    const get = ipcMain.handlers.get('courier:getSettings');
    await expect(get?.(fromWindow(window))).resolves.toEqual(settings(folder));
  });

  it('settings refused by the rules are not stored', async () => {
    await launch();
    const put = ipcMain.handlers.get('courier:putSettings');
    const answer = await put?.(fromWindow(onlyWindow()), { watch: [{ path: '' }] });
    expect(answer).toMatchObject({ ok: false });
    expect(storedDocuments.has(userData)).toBe(false);
  });

  it('stored settings with problems are kept for a person to fix, and they are told', async () => {
    storedDocuments.set(userData, { watch: [{ path: '/rec' }] });
    await launch();
    const get = ipcMain.handlers.get('courier:getSettings');
    await expect(get?.(fromWindow(onlyWindow()))).resolves.toEqual({ watch: [{ path: '/rec' }] });
    expect(Notification.all.map((n) => n.options.title)).toEqual(['The settings need attention']);
  });

  it('a settings file that is not JSON is moved aside, not lost', async () => {
    await writeFile(join(userData, 'settings.json'), '{"watch": [}');
    unreadableFolders.add(userData);
    await launch();
    const files = await readdir(userData);
    expect(files.some((f) => f.startsWith('settings.json.unreadable-'))).toBe(true);
  });
});

describe('quitting', () => {
  it('Quit in the tray menu stops the core, closes the window and removes the icon', async () => {
    await launch();
    const window = onlyWindow();
    const tray = Tray.all[0];
    tray?.menu?.template.find((i) => i.id === 'quit')?.click?.({ checked: false });
    await vi.waitFor(() => expect(app.exited).toBe(true));
    running = null;
    expect(tray?.destroyed).toBe(true);
    expect(ipcMain.handlers.size).toBe(0);
    window.close();
    expect(window.destroyed).toBe(true);
    // The data folder is free again: a new core can start on it.
    const core = await startDesktopCore({ userData, secrets: new MemorySecretStore() });
    await core.stop();
  });

  it('closing every window does not quit', async () => {
    await launch();
    onlyWindow().close();
    app.emit('window-all-closed');
    expect(app.quitRequests).toBe(0);
  });
});

describe('the tray and the window together', () => {
  it('Pause in the tray pauses delivery, and the icon and menu follow', async () => {
    await launch();
    const tray = Tray.all[0];
    tray?.menu?.template.find((i) => i.id === 'pause')?.click?.({ checked: false });
    await vi.waitFor(() => expect(tray?.image.path).toMatch(/paused-light\.png$/));
    expect(tray?.menu?.template.find((i) => i.id === 'pause')?.label).toBe('Resume delivery');
  });

  it('a notification click shows the window on the view it names', async () => {
    await launch(['call-courier', '--hidden']);
    const window = onlyWindow();
    running?.showWindow('problems');
    expect(window.visible).toBe(true);
    expect(window.webContents.sent).toEqual([]);
    window.webContents.finishLoad();
    expect(window.webContents.sent).toEqual([['courier:navigate', 'problems']]);
  });
});
