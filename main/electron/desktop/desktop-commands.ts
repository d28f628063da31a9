/** Electron glue: the desktop extras the window may invoke (folder picker, file manager, start at login). */
import { writeFile } from 'node:fs/promises';
import {
  dialog,
  shell,
  type BrowserWindow,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { DesktopExtras } from '../../../preload/desktop-api.ts';
import type { DesktopMethod } from '../../../preload/ipc-channels.ts';
import type { LoginItem } from './login-item.ts';
import { pickWatchFolder } from './watch-folders.ts';

/** What the commands need from the rest of the app. */
export interface DesktopCommandDeps {
  readonly window: () => BrowserWindow | null;
  readonly folders: () => readonly string[];
  /** Whether a path is a recording the queue knows (only those are shown in the file manager). */
  readonly isKnownRecording: (path: string) => boolean;
  readonly loginItem: LoginItem;
  /** The diagnostics bundle (CourierService.diagnostics); without it saveDiagnostics is refused. */
  readonly diagnostics?: () => Promise<{ readonly fileName: string; readonly bytes: Buffer }>;
}

/** The desktop-only commands. */
export function desktopCommands(deps: DesktopCommandDeps): Pick<DesktopExtras, DesktopMethod> {
  return {
    chooseFolder: async () => {
      const options: OpenDialogOptions = {
        title: 'Choose the folder the recorder saves calls in',
        properties: ['openDirectory', 'createDirectory'],
      };
      const window = deps.window();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    showFile: async (path) => {
      if (!deps.isKnownRecording(path)) {
        throw new Error(`${path} is not a recording Call Courier has seen`);
      }
      shell.showItemInFolder(path);
    },
    openRecordingsFolder: async (path) => openFolder(pickWatchFolder(deps.folders(), path)),
    getStartAtLogin: () => deps.loginItem.get(),
    setStartAtLogin: (enabled) => deps.loginItem.set(enabled),
    saveDiagnostics: async () => {
      if (!deps.diagnostics) throw new Error('diagnostics cannot be made here');
      const bundle = await deps.diagnostics();
      const options: SaveDialogOptions = {
        title: 'Save the diagnostics to attach to an email',
        defaultPath: bundle.fileName,
        filters: [{ name: 'Zip archive', extensions: ['zip'] }],
      };
      const window = deps.window();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await writeFile(result.filePath, bundle.bytes, { mode: 0o600 });
      return result.filePath;
    },
  };
}

/** Opens a folder in the file manager, saying so in plain words when it cannot. */
export async function openFolder(path: string): Promise<void> {
  const problem = await shell.openPath(path);
  if (problem !== '') throw new Error(`${path} could not be opened: ${problem}`);
}
