/** Electron glue: hands the IPC handlers to ipcMain and pushes core events to the window. */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { CourierEvent } from '../../../preload/api.ts';
import type { DesktopView } from '../../../preload/desktop-api.ts';
import { EVENT_CHANNEL, NAVIGATE_CHANNEL } from '../../../preload/ipc-channels.ts';
import { createIpcHandlers, type IpcTargets } from './ipc-handlers.ts';
import { isTrustedSender } from './trusted-sender.ts';

/** Registers every command channel; only messages from `window()`'s main frame are answered. Returns the undo. */
export function registerIpc(targets: IpcTargets, window: () => BrowserWindow | null): () => void {
  const handlers = createIpcHandlers<IpcMainInvokeEvent>(targets, (event) =>
    isTrustedSender(event, liveWindow(window())),
  );
  for (const [channel, handler] of handlers) ipcMain.handle(channel, handler);
  return () => {
    for (const channel of handlers.keys()) ipcMain.removeHandler(channel);
  };
}

/** Sends a core event to the window, if it is there. */
export function sendEvent(window: BrowserWindow | null, event: CourierEvent): void {
  liveWindow(window)?.webContents.send(EVENT_CHANNEL, event);
}

/** Asks the window to show a view. */
export function sendNavigation(window: BrowserWindow | null, view: DesktopView): void {
  liveWindow(window)?.webContents.send(NAVIGATE_CHANNEL, view);
}

function liveWindow(window: BrowserWindow | null): BrowserWindow | null {
  return window && !window.isDestroyed() && !window.webContents.isDestroyed() ? window : null;
}
