/**
 * Electron glue: the desktop app once Electron is ready. Starts the core, then puts the shell
 * around it: the app:// UI, the IPC channels, the window, the tray and the notifications.
 */
import { app, session } from 'electron';
import type { CourierEvent } from '../../preload/api.ts';
import type { DesktopView } from '../../preload/desktop-api.ts';
import { appPaths, type AppPaths } from './app-paths.ts';
import { startDesktopCore, type DesktopCore, type StartCoreOptions } from './core/start-core.ts';
import { desktopCommands, openFolder } from './desktop/desktop-commands.ts';
import { loginItem, type LoginItem } from './desktop/login-item.ts';
import { watchFoldersOf } from './desktop/watch-folders.ts';
import { registerIpc, sendEvent, sendNavigation } from './ipc/register-ipc.ts';
import { AttentionMonitor } from './notifications/attention-monitor.ts';
import { DesktopNotifier } from './notifications/desktop-notifier.ts';
import { handleAppProtocol } from './protocol/register-app-protocol.ts';
import { AppTray } from './tray/app-tray.ts';
import { retryAllFailed } from './tray/retry-failed.ts';
import { guardSession } from './window/content-guards.ts';
import { MainWindow } from './window/main-window.ts';

/** How the shell starts the core (replaced in tests). */
export type StartCore = (options: StartCoreOptions) => Promise<DesktopCore>;

/** The running desktop app. */
export class DesktopShell {
  readonly core: DesktopCore;
  readonly window: MainWindow;
  readonly tray: AppTray;
  readonly #login: LoginItem = loginItem();
  readonly #notifier = new DesktopNotifier((view) => this.showWindow(view));
  readonly #monitor = new AttentionMonitor({ notify: (notice) => this.#notifier.show(notice) });
  readonly #disposers: (() => void)[] = [];

  private constructor(core: DesktopCore, paths: AppPaths) {
    this.core = core;
    this.window = new MainWindow({ preloadPath: paths.preload, icon: paths.appIcon });
    this.tray = this.#createTray(paths.trayIcons);
    this.#disposers.push(
      registerIpc(
        {
          api: core.service,
          desktop: desktopCommands({
            window: () => this.window.current,
            folders: () => this.folders(),
            isKnownRecording: (path) => core.service.store.rowsForPath(path).length > 0,
            loginItem: this.#login,
            diagnostics: () => core.service.diagnostics("the desktop app's settings"),
          }),
        },
        () => this.window.current,
      ),
      core.service.onEvent((event) => this.#event(event)),
    );
  }

  /** Starts everything; the window is created hidden when `hidden` (launched at login). */
  static async start(options: {
    readonly hidden: boolean;
    readonly startCore?: StartCore;
  }): Promise<DesktopShell> {
    const paths = appPaths(app.getAppPath());
    const started: { shell?: DesktopShell } = {};
    const core = await (options.startCore ?? startDesktopCore)({
      userData: app.getPath('userData'),
      // "Allow supervisor monitoring" (core/server/lan-monitoring.ts) serves the same window.
      monitoringStaticDir: paths.uiRoot,
      onSettingsSaved: () => started.shell?.tray.refresh(),
    });
    guardSession(session.defaultSession);
    handleAppProtocol(paths.uiRoot);
    const shell = new DesktopShell(core, paths);
    started.shell = shell;
    shell.#event({ type: 'status', status: await core.service.status() });
    if (core.settingsProblems.length > 0) {
      shell.#notifier.show({
        title: 'The settings need attention',
        body: 'Call Courier is not watching any folder until its settings are fixed.',
        view: 'settings',
      });
    }
    shell.window.create(!options.hidden);
    return shell;
  }

  /** The watch folders of the stored settings. */
  folders(): readonly string[] {
    return watchFoldersOf(this.core.rawSettings());
  }

  /** Shows the window (creating it if needed), and the view asked for once the page is there. */
  showWindow(view?: DesktopView): void {
    const window = this.window.show();
    if (!view) return;
    if (window.webContents.isLoading()) {
      window.webContents.once('did-finish-load', () => sendNavigation(window, view));
    } else {
      sendNavigation(window, view);
    }
  }

  /** Retries every failed recording; when some still cannot go, Problems is shown. */
  async retryFailed(): Promise<void> {
    const outcome = await retryAllFailed(this.core.service).catch((error: unknown) => {
      this.core.log.warn(`retrying the failed recordings stopped: ${(error as Error).message}`);
      return null;
    });
    if (!outcome) return;
    this.core.log.info(`${outcome.retried} failed recordings retried from the tray`);
    if (outcome.refused.length > 0) this.showWindow('problems');
  }

  /** Lets the window close (the app is quitting). */
  prepareQuit(): void {
    this.window.allowClose();
  }

  /** Stops the core and removes the tray; the app can then exit. */
  async stop(): Promise<void> {
    this.#monitor.dispose();
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.tray.destroy();
    await this.core.stop();
  }

  #createTray(iconsDir: string): AppTray {
    const { service, log } = this.core;
    const warn = (error: unknown) => log.warn((error as Error).message);
    return new AppTray({
      iconsDir,
      folders: () => this.folders(),
      startAtLogin: () => this.#login.get(),
      actions: {
        pauseOrResume: (paused) => void (paused ? service.resume() : service.pause()).catch(warn),
        openWindow: () => this.showWindow(),
        openFolder: (path) => void openFolder(path).catch(warn),
        retryFailed: () => void this.retryFailed(),
        setStartAtLogin: (enabled) =>
          void this.#login
            .set(enabled)
            .then(() => this.tray.refreshStartAtLogin())
            .catch(warn),
        quit: () => app.quit(),
      },
    });
  }

  #event(event: CourierEvent): void {
    sendEvent(this.window.current, event);
    this.#monitor.handle(event);
    if (event.type === 'status') this.tray.update(event.status);
  }
}
