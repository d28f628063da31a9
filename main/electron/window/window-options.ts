/** The main window's size and look. Pure. (Its web preferences are spelled out where it is built, main-window.ts, so that static checkers see them.) */
import type { BrowserWindowConstructorOptions } from 'electron';

/** Everything about the main window but its web preferences; it is created hidden and shown when ready (or later, from the tray). */
export function mainWindowLook(icon?: string): BrowserWindowConstructorOptions {
  return {
    title: 'Call Courier',
    width: 1120,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    autoHideMenuBar: true,
    ...(icon ? { icon } : {}),
  };
}
