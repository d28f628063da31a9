import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardContents, guardSession } from '../../../main/electron/window/content-guards.ts';
import { MainWindow } from '../../../main/electron/window/main-window.ts';
import {
  app,
  fakeEvent,
  FakeBrowserWindow,
  FakeWebContents,
  resetFakeElectron,
  session,
  shell,
} from './fake-electron.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => resetFakeElectron());

describe('the window is locked down', () => {
  it('is isolated, sandboxed, without Node, with web security and without webviews', () => {
    new MainWindow({ preloadPath: '/app/dist/preload/index.cjs' }).create(true);
    const [window] = FakeBrowserWindow.all;
    expect(window?.options.webPreferences).toMatchObject({
      preload: '/app/dist/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window?.options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(window?.options.show).toBe(false);
  });

  it('loads the UI from app://, not from a file or the network', () => {
    new MainWindow({ preloadPath: '/p.cjs' }).create(true);
    expect(FakeBrowserWindow.all[0]?.webContents.mainFrame.url).toBe('app://courier/index.html');
  });
});

describe('the window lives in the tray', () => {
  it('closing the window hides it; Call Courier keeps running', () => {
    const main = new MainWindow({ preloadPath: '/p.cjs' });
    const window = main.create(true) as unknown as FakeBrowserWindow;
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    window.close();
    expect(window.visible).toBe(false);
    expect(window.destroyed).toBe(false);
    expect(main.current).toBe(window);
  });

  it('reopening brings the same window back to the front', () => {
    const main = new MainWindow({ preloadPath: '/p.cjs' });
    const window = main.create(true) as unknown as FakeBrowserWindow;
    window.close();
    window.minimized = true;
    main.show();
    expect(FakeBrowserWindow.all).toHaveLength(1);
    expect(window).toMatchObject({ visible: true, focused: true, minimized: false });
  });

  it('a window created hidden (started at login) is not shown when its page is ready', () => {
    const window = new MainWindow({ preloadPath: '/p.cjs' }).create(
      false,
    ) as unknown as FakeBrowserWindow;
    window.emit('ready-to-show');
    expect(window.visible).toBe(false);
  });

  it('when the app quits, the window really closes', () => {
    const main = new MainWindow({ preloadPath: '/p.cjs' });
    const window = main.create(true) as unknown as FakeBrowserWindow;
    main.allowClose();
    window.close();
    expect(window.destroyed).toBe(true);
    expect(main.current).toBeNull();
  });
});

describe('every page is kept on its own app:// pages', () => {
  function guarded(): FakeWebContents {
    const contents = new FakeWebContents();
    guardContents(contents as never);
    return contents;
  }

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8490/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
  ])('navigation to %s is refused', (url) => {
    const contents = guarded();
    const navigate = fakeEvent();
    const redirect = fakeEvent();
    contents.emit('will-navigate', navigate, url);
    contents.emit('will-redirect', redirect, url);
    expect(navigate.defaultPrevented).toBe(true);
    expect(redirect.defaultPrevented).toBe(true);
  });

  it('navigation between its own pages is allowed', () => {
    const contents = guarded();
    const event = fakeEvent();
    contents.emit('will-navigate', event, 'app://courier/index.html');
    expect(event.defaultPrevented).toBe(false);
  });

  it('window.open is always denied; a link to a platform opens in the browser instead', () => {
    const contents = guarded();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://company.enderturing.com/calls/123')).toEqual({ action: 'deny' });
    expect(open('app://courier/index.html')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('https://user:pw@evil.example/')).toEqual({ action: 'deny' });
    expect(shell.external).toEqual(['https://company.enderturing.com/calls/123']);
  });

  it('webviews cannot be attached', () => {
    const contents = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('every window created gets the rules through the app (web-contents-created)', () => {
    app.on('web-contents-created', (_e, contents) => guardContents(contents));
    const window = new FakeBrowserWindow({});
    expect(window.webContents.windowOpenHandler).not.toBeNull();
  });
});

describe('permissions', () => {
  it('every permission request and check is refused, and downloads are cancelled', () => {
    const ses = session.defaultSession;
    guardSession(ses as never);
    const answers: boolean[] = [];
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
    ]) {
      ses.permissionRequest?.({}, permission, (ok) => answers.push(ok));
    }
    expect(answers).toEqual([false, false, false, false, false]);
    expect(ses.permissionCheck?.({}, 'media', 'app://courier', {})).toBe(false);
    expect(ses.devicePermission?.({})).toBe(false);
    const download = fakeEvent();
    ses.emit('will-download', download, {}, {});
    expect(download.defaultPrevented).toBe(true);
  });
});
