/**
 * Electron glue: "Start at login". Windows and macOS through Electron's login-item API (the
 * app then starts with --hidden, straight to the tray); Linux through an XDG autostart entry.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { app } from 'electron';
import { HIDDEN_FLAG } from './launch.ts';
import { autostartEntry, autostartFile } from './linux-autostart.ts';

/** Reads and changes whether Call Courier starts at login. */
export interface LoginItem {
  get(): Promise<boolean>;
  set(enabled: boolean): Promise<void>;
}

/** The login item of this platform. */
export function loginItem(platform: NodeJS.Platform = process.platform): LoginItem {
  return platform === 'linux' ? linuxLoginItem() : electronLoginItem();
}

function electronLoginItem(): LoginItem {
  const args = [HIDDEN_FLAG];
  return {
    get: async () => app.getLoginItemSettings({ args }).openAtLogin,
    set: async (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args }),
  };
}

function linuxLoginItem(): LoginItem {
  const file = autostartFile();
  return {
    get: async () => (await stat(file).catch(() => null))?.isFile() ?? false,
    set: async (enabled) => {
      if (!enabled) {
        await rm(file, { force: true });
        return;
      }
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, autostartEntry(launchCommand()), { mode: 0o644 });
    },
  };
}

/** How to start this app again: the AppImage, the installed program, or (unpackaged) electron with the app folder. */
function launchCommand(): readonly string[] {
  const program = process.env.APPIMAGE || process.execPath;
  return app.isPackaged ? [program, HIDDEN_FLAG] : [program, app.getAppPath(), HIDDEN_FLAG];
}
