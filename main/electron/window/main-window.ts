/**
 * Electron glue: the one window. Closing it hides it (Call Courier lives on in the tray);
 * it is really closed only when the app quits.
 */
import { BrowserWindow } from 'electron';
import { APP_START_URL } from '../protocol/app-url.ts';
import { mainWindowLook } from './window-options.ts';

/** Creates, shows, hides and finally closes the window. */
export class MainWindow {
  readonly #preloadPath: string;
  readonly #icon: string | undefined;
  #window: BrowserWindow | null = null;
  #closing = false;

  constructor(options: { readonly preloadPath: string; readonly icon?: string }) {
    this.#preloadPath = options.preloadPath;
    this.#icon = options.icon;
  }

  /** The window, if it exists. */
  get current(): BrowserWindow | null {
    return this.#window && !this.#window.isDestroyed() ? this.#window : null;
  }

  /** Creates the window (hidden when `visible` is false: started at login, it stays in the tray). */
  create(visible: boolean): BrowserWindow {
    const existing = this.current;
    if (existing) return existing;
    // The security checklist (DESIGN.md "Desktop shell"), literally here so that checkers see it.
    const window = new BrowserWindow({
      ...mainWindowLook(this.#icon),
      webPreferences: {
        preload: this.#preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    this.#window = window;
    window.on('close', (event) => {
      if (this.#closing) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (this.#window === window) this.#window = null;
    });
    if (visible) window.once('ready-to-show', () => window.show());
    void window.loadURL(APP_START_URL);
    return window;
  }

  /** Brings the window to the front, creating it if needed. */
  show(): BrowserWindow {
    const window = this.current ?? this.create(true);
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    return window;
  }

  /** Lets the window really close (the app is quitting). */
  allowClose(): void {
    this.#closing = true;
  }
}
