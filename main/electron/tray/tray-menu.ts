/**
 * The tray menu: status line, Pause/Resume, Open Call Courier, Open recordings folder, Retry
 * failed, Start at login, Quit. Pure: a template for Menu.buildFromTemplate.
 */
import { basename } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { StatusAnswer } from '../../../preload/api.ts';
import { statusLine } from './tray-state.ts';

/** What the menu shows. */
export interface TrayMenuFacts {
  /** Null until the core answered once. */
  readonly status: StatusAnswer | null;
  /** The watch folders, in settings order. */
  readonly folders: readonly string[];
  readonly startAtLogin: boolean;
}

/** What the menu's items do. */
export interface TrayMenuActions {
  pauseOrResume(paused: boolean): void;
  openWindow(): void;
  openFolder(path: string): void;
  retryFailed(): void;
  setStartAtLogin(enabled: boolean): void;
  quit(): void;
}

/** The menu template; each item has an id (status, pause, open, folder, retry-failed, start-at-login, quit). */
export function trayMenuTemplate(
  facts: TrayMenuFacts,
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  const { status } = facts;
  const paused = status?.state === 'paused';
  const failed = status?.counts.failed ?? 0;
  return [
    { id: 'status', label: status ? statusLine(status) : 'Starting…', enabled: false },
    { type: 'separator' },
    {
      id: 'pause',
      label: paused ? 'Resume delivery' : 'Pause delivery',
      enabled: status !== null,
      click: () => actions.pauseOrResume(paused),
    },
    { id: 'open', label: 'Open Call Courier', click: () => actions.openWindow() },
    folderItem(facts.folders, actions),
    {
      id: 'retry-failed',
      label: failed > 0 ? `Retry failed (${failed})` : 'Retry failed',
      enabled: failed > 0,
      click: () => actions.retryFailed(),
    },
    { type: 'separator' },
    {
      id: 'start-at-login',
      label: 'Start at login',
      type: 'checkbox',
      checked: facts.startAtLogin,
      click: (item) => actions.setStartAtLogin(item.checked),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Call Courier', click: () => actions.quit() },
  ];
}

/** One folder: an item that opens it; several: a submenu; none: a disabled item. */
function folderItem(
  folders: readonly string[],
  actions: TrayMenuActions,
): MenuItemConstructorOptions {
  const label = 'Open recordings folder';
  const [only] = folders;
  if (only === undefined) return { id: 'folder', label, enabled: false };
  if (folders.length === 1) return { id: 'folder', label, click: () => actions.openFolder(only) };
  return {
    id: 'folder',
    label,
    submenu: folders.map((path) => ({
      label: `${basename(path) || path}  (${path})`,
      click: () => actions.openFolder(path),
    })),
  };
}
