/**
 * `window.courier`: exactly the CourierApi contract (and the desktop extras). Each command is
 * one `ipcRenderer.invoke` on its channel; the two subscriptions hand the listener only the
 * message, never Electron's event object (which would leak `ipcRenderer` to the page).
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CourierEvent } from './api.ts';
import type { DesktopCourier, DesktopView } from './desktop-api.ts';
import {
  API_METHODS,
  DESKTOP_METHODS,
  EVENT_CHANNEL,
  invokeChannel,
  NAVIGATE_CHANNEL,
  type InvokeMethod,
} from './ipc-channels.ts';

/** A command that forwards its arguments to main on its channel. */
function command(method: InvokeMethod): (...args: unknown[]) => Promise<unknown> {
  const channel = invokeChannel(method);
  return (...args) => ipcRenderer.invoke(channel, ...args);
}

/** A subscription to one main → window channel; the disposer removes exactly this listener. */
function subscription<T>(channel: string): (listener: (message: T) => void) => () => void {
  return (listener) => {
    const forward = (_event: IpcRendererEvent, message: T): void => listener(message);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
}

/** The object the window sees as `window.courier`. */
export function courierBridge(): DesktopCourier {
  const commands = Object.fromEntries(
    [...API_METHODS, ...DESKTOP_METHODS].map((method) => [method, command(method)]),
  );
  return {
    ...commands,
    onEvent: subscription<CourierEvent>(EVENT_CHANNEL),
    onNavigate: subscription<DesktopView>(NAVIGATE_CHANNEL),
  } as DesktopCourier;
}
