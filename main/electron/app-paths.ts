/** Where the desktop app finds its built parts, relative to the app folder (app.getAppPath()). Pure. */
import { join } from 'node:path';

/** The built UI, the preload bundle and the icons. */
export interface AppPaths {
  /** `vite build` output, served as app://courier/. */
  readonly uiRoot: string;
  /** The sandboxed preload, bundled into one CommonJS file (preload/vite.config.ts). */
  readonly preload: string;
  /** build/icons/tray/<state>-<theme>.png (+ @2x). */
  readonly trayIcons: string;
  /** The window icon. */
  readonly appIcon: string;
}

/** The paths under an app folder. */
export function appPaths(appPath: string): AppPaths {
  return {
    uiRoot: join(appPath, 'dist', 'renderer'),
    preload: join(appPath, 'dist', 'preload', 'index.cjs'),
    trayIcons: join(appPath, 'build', 'icons', 'tray'),
    appIcon: join(appPath, 'build', 'icons', 'icon.png'),
  };
}
