/** Electron glue: the tray icon, its tooltip and its menu, redrawn on every status change and theme change. */
import { Menu, nativeImage, nativeTheme, Tray } from 'electron';
import type { StatusAnswer } from '../../../preload/api.ts';
import { trayMenuTemplate, type TrayMenuActions } from './tray-menu.ts';
import { trayIconPath, trayStateOf, trayTooltip, type TrayTheme } from './tray-state.ts';

/** What the tray needs from the rest of the app. */
export interface AppTrayOptions {
  /** build/icons/tray. */
  readonly iconsDir: string;
  readonly folders: () => readonly string[];
  readonly startAtLogin: () => Promise<boolean>;
  readonly actions: TrayMenuActions;
}

/** The tray icon of the app. */
export class AppTray {
  readonly #options: AppTrayOptions;
  readonly #tray: Tray;
  readonly #onTheme = (): void => this.refresh();
  #status: StatusAnswer | null = null;
  #startAtLogin = false;

  constructor(options: AppTrayOptions) {
    this.#options = options;
    this.#tray = new Tray(nativeImage.createFromPath(this.#iconPath()));
    this.#tray.on('click', () => options.actions.openWindow());
    nativeTheme.on('updated', this.#onTheme);
    this.refresh();
    void this.refreshStartAtLogin();
  }

  /** Shows a new status. */
  update(status: StatusAnswer): void {
    this.#status = status;
    this.refresh();
  }

  /** Reads "start at login" again (after it was changed) and redraws. */
  async refreshStartAtLogin(): Promise<void> {
    this.#startAtLogin = await this.#options.startAtLogin().catch(() => false);
    this.refresh();
  }

  /** Redraws icon, tooltip and menu. */
  refresh(): void {
    if (this.#tray.isDestroyed()) return;
    this.#tray.setImage(nativeImage.createFromPath(this.#iconPath()));
    this.#tray.setToolTip(this.#status ? trayTooltip(this.#status) : 'Call Courier: starting…');
    const template = trayMenuTemplate(
      {
        status: this.#status,
        folders: this.#options.folders(),
        startAtLogin: this.#startAtLogin,
      },
      this.#options.actions,
    );
    this.#tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  /** Removes the icon. */
  destroy(): void {
    nativeTheme.off('updated', this.#onTheme);
    if (!this.#tray.isDestroyed()) this.#tray.destroy();
  }

  #iconPath(): string {
    const theme: TrayTheme = nativeTheme.shouldUseDarkColors ? 'dark' : 'light';
    const state = this.#status ? trayStateOf(this.#status) : 'idle';
    return trayIconPath(this.#options.iconsDir, state, theme);
  }
}
