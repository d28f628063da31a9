/** The fake `electron`'s tray, menus, notifications, dialogs and shell (see fake-electron.ts). */
import { EventEmitter } from 'node:events';

/** A tray icon: its image, tooltip and menu template. */
export class Tray extends EventEmitter {
  static readonly all: Tray[] = [];
  image: { path: string };
  tooltip = '';
  menu: { template: MenuTemplateItem[] } | null = null;
  destroyed = false;

  constructor(image: { path: string }) {
    super();
    this.image = image;
    Tray.all.push(this);
  }
  setImage(image: { path: string }): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: MenuTemplateItem[] }): void {
    this.menu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

/** A menu item as the glue builds it. */
export interface MenuTemplateItem {
  id?: string;
  label?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuTemplateItem[];
  click?: (item: { checked: boolean }) => void;
}

export const Menu = {
  buildFromTemplate: (template: MenuTemplateItem[]) => ({ template }),
};

export const nativeImage = { createFromPath: (path: string) => ({ path }) };

export const nativeTheme = Object.assign(new EventEmitter(), { shouldUseDarkColors: false });

/** A native notification. */
export class Notification extends EventEmitter {
  static readonly all: Notification[] = [];
  static supported = true;
  readonly options: { title: string; body: string };
  shown = false;

  static isSupported(): boolean {
    return Notification.supported;
  }
  constructor(options: { title: string; body: string }) {
    super();
    this.options = options;
    Notification.all.push(this);
  }
  show(): void {
    this.shown = true;
  }
}

export const dialog = {
  errors: [] as [string, string][],
  nextFolder: null as string | null,
  /** Where the next save dialog saves; null cancels it. */
  nextSavePath: null as string | null,
  showErrorBox(title: string, content: string): void {
    this.errors.push([title, content]);
  },
  async showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    const folder = this.nextFolder;
    return folder ? { canceled: false, filePaths: [folder] } : { canceled: true, filePaths: [] };
  },
  async showSaveDialog(): Promise<{ canceled: boolean; filePath: string }> {
    const path = this.nextSavePath;
    return path ? { canceled: false, filePath: path } : { canceled: true, filePath: '' };
  },
};

export const shell = {
  shown: [] as string[],
  opened: [] as string[],
  external: [] as string[],
  showItemInFolder(path: string): void {
    this.shown.push(path);
  },
  async openPath(path: string): Promise<string> {
    this.opened.push(path);
    return '';
  },
  async openExternal(url: string): Promise<void> {
    this.external.push(url);
  },
};

/** Forgets what the previous test did with the tray, notifications, dialogs and shell. */
export function resetFakeUi(): void {
  Tray.all.length = 0;
  Notification.all.length = 0;
  Notification.supported = true;
  nativeTheme.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  dialog.errors.length = 0;
  dialog.nextFolder = null;
  dialog.nextSavePath = null;
  shell.shown.length = 0;
  shell.opened.length = 0;
  shell.external.length = 0;
}
