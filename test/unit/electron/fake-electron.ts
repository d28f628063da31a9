/**
 * A small stand-in for the `electron` module (the binary cannot run here): enough of app,
 * BrowserWindow, Tray, Menu, Notification, ipcMain/ipcRenderer, protocol, session, dialog and
 * shell for the glue to run, recording what it was asked to do. Use it with
 * `vi.mock('electron', () => import('./fake-electron.ts'))` and call `resetFakeElectron()`.
 */
import { EventEmitter } from 'node:events';
import { resetFakeIpc } from './fake-electron-ipc.ts';
import { resetFakeUi } from './fake-electron-ui.ts';

/** An Electron-style event whose default can be prevented. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** A fresh preventable event. */
export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextId = 1;

/** A web page: its frames, what it was sent, the handlers put on it. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame = { url: '', processId: 4242, routingId: nextId++, parent: null };
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  loading = true;
  destroyed = false;

  send(channel: string, message: unknown): void {
    this.sent.push([channel, message]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isLoading(): boolean {
    return this.loading;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the page's load finishing looks like. */
  finishLoad(): void {
    this.loading = false;
    this.emit('did-finish-load');
  }
}

/** A window: its options, visibility and page. */
export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly webContents = new FakeWebContents();
  visible = false;
  focused = false;
  destroyed = false;
  minimized = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.all.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What the window's close button does. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  hasLock = true;
  quitRequests = 0;
  exited = false;
  sandboxed = false;
  isPackaged = false;
  userData = '/nonexistent/user-data';
  appPath = '/nonexistent/app';
  wasOpenedAtLogin = false;
  openAtLogin = false;
  loginItemChanges: unknown[] = [];
  #ready = Promise.withResolvers<undefined>();

  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  setAppUserModelId(): void {}
  whenReady(): Promise<void> {
    return this.#ready.promise;
  }
  /** Electron becomes ready. */
  becomeReady(): void {
    this.#ready.resolve(undefined);
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`the fake knows only userData, not ${name}`);
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAtLogin: boolean } {
    return { openAtLogin: this.openAtLogin, wasOpenedAtLogin: this.wasOpenedAtLogin };
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItemChanges.push(settings);
    this.openAtLogin = settings.openAtLogin;
  }
  /** Like Electron: before-quit, then will-quit (either may be prevented), then the app exits. */
  quit(): void {
    this.quitRequests += 1;
    const before = fakeEvent();
    this.emit('before-quit', before);
    if (before.defaultPrevented) return;
    const will = fakeEvent();
    this.emit('will-quit', will);
    if (!will.defaultPrevented) this.exited = true;
  }
  reset(): void {
    this.removeAllListeners();
    Object.assign(this, {
      hasLock: true,
      quitRequests: 0,
      exited: false,
      sandboxed: false,
      isPackaged: false,
      wasOpenedAtLogin: false,
      openAtLogin: false,
      loginItemChanges: [],
    });
    this.#ready = Promise.withResolvers<undefined>();
  }
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;

export * from './fake-electron-ipc.ts';
export * from './fake-electron-ui.ts';

/** Forgets everything the previous test did. */
export function resetFakeElectron(): void {
  app.reset();
  FakeBrowserWindow.all.length = 0;
  resetFakeIpc();
  resetFakeUi();
}
