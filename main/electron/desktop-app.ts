/**
 * Electron glue: the app's life. One instance (a second launch brings the first one's window
 * forward), the app:// scheme and the sandbox set up before ready, a start hidden in the tray
 * when launched at login, and a quit (from the tray menu, or the system) that stops the core first.
 */
import { app, dialog } from 'electron';
import { startsHidden } from './desktop/launch.ts';
import { DesktopShell, type StartCore } from './desktop-shell.ts';
import { registerAppScheme } from './protocol/register-app-protocol.ts';
import { guardContents } from './window/content-guards.ts';

/** Windows groups notifications under this id; it must match electron-builder's appId. */
export const APP_USER_MODEL_ID = 'com.callcourier.app';

/** How the app is run (the defaults are the real ones). */
export interface DesktopAppOptions {
  readonly argv?: readonly string[];
  readonly startCore?: StartCore;
}

/**
 * Runs the desktop app. Resolves with the running shell once ready, or null when another
 * instance was already running (this one then quits) or the core could not start.
 */
export async function runDesktopApp(options: DesktopAppOptions = {}): Promise<DesktopShell | null> {
  registerAppScheme();
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  let shell: DesktopShell | null = null;
  let showWhenReady = false;
  let stopped = false;
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('second-instance', () => {
    if (shell) shell.showWindow();
    else showWhenReady = true;
  });
  // Closing the window keeps Call Courier running in the tray.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => shell?.showWindow());
  app.on('before-quit', () => shell?.prepareQuit());
  app.on('will-quit', (event) => {
    if (stopped || !shell) return;
    event.preventDefault();
    const running = shell;
    shell = null;
    void running.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  await app.whenReady();
  const argv = options.argv ?? process.argv;
  const hidden = startsHidden(argv, app.getLoginItemSettings().wasOpenedAtLogin);
  try {
    shell = await DesktopShell.start({
      hidden: hidden && !showWhenReady,
      ...(options.startCore ? { startCore: options.startCore } : {}),
    });
  } catch (error) {
    dialog.showErrorBox('Call Courier could not start', (error as Error).message);
    stopped = true;
    app.quit();
    return null;
  }
  return shell;
}
