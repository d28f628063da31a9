/**
 * What the desktop app offers besides the CourierApi contract: things only a desktop can do
 * (a folder picker, the file manager, start at login) and the views the app asks the window to
 * show. Types only. In a browser `window.courier` does not exist, so a client treats these as
 * optional members (`DesktopCourier`).
 */
import type { CourierApi } from './api.ts';

/**
 * A view the app asks the window to show (a notification or the tray was clicked):
 * 'queue', 'problems', 'history', 'settings', or 'settings/<profile id>'.
 */
export type DesktopView = 'queue' | 'problems' | 'history' | 'settings' | `settings/${string}`;

/** The desktop-only commands and the navigation subscription. */
export interface DesktopExtras {
  /** Asks the person for a folder (the system's folder picker); null when they cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Shows a recording the queue knows in the file manager; refused for any other path. */
  showFile(path: string): Promise<void>;
  /** Opens a watch folder in the file manager: the one given (it must be a watch folder), else the first. */
  openRecordingsFolder(path?: string): Promise<void>;
  /** Whether Call Courier starts (hidden, in the tray) when the person logs in. */
  getStartAtLogin(): Promise<boolean>;
  setStartAtLogin(enabled: boolean): Promise<void>;
  /** Asks where to save the diagnostics bundle (.zip, no secrets) and saves it; the path, or null when cancelled. */
  saveDiagnostics(): Promise<string | null>;
  /** Subscribes to the app's requests to show a view; returns the disposer. */
  onNavigate(listener: (view: DesktopView) => void): () => void;
}

/** `window.courier` in the desktop app: the contract plus the desktop extras. */
export type DesktopCourier = CourierApi & DesktopExtras;

/** `window.courier` as a client sees it where it may be missing extras (or be absent, in a browser). */
export type CourierBridge = CourierApi & Partial<DesktopExtras>;
