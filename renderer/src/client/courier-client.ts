import type { CourierApi } from '../../../preload/api.ts';
import type { DesktopExtras } from '../../../preload/desktop-api.ts';
import type { LinkState } from './event-link.ts';

/**
 * What every view talks to: exactly the CourierApi contract, over Electron IPC in the desktop
 * app or over HTTP + Server-Sent Events when the headless service serves the window.
 */
export type CourierClient = CourierApi;

/** The live link's state and its changes (always connected over IPC). */
export interface LinkMonitor {
  readonly state: LinkState;
  onState(listener: (state: LinkState) => void): () => void;
}

/**
 * Desktop-only abilities (folder picker, file manager, start at login); each is absent in a
 * browser, where the window offers a fallback (a path field, the path to copy).
 */
export type ShellAbilities = Partial<Omit<DesktopExtras, 'onNavigate'>>;

/** A ready connection to the service. */
export interface Courier {
  readonly client: CourierClient;
  readonly link: LinkMonitor;
  readonly shell: ShellAbilities;
  /** 'ipc' inside the desktop app, 'http' in a browser. */
  readonly transport: 'ipc' | 'http';
}
