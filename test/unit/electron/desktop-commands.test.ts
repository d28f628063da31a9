import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { desktopCommands } from '../../../main/electron/desktop/desktop-commands.ts';
import { startsHidden } from '../../../main/electron/desktop/launch.ts';
import { autostartEntry } from '../../../main/electron/desktop/linux-autostart.ts';
import { loginItem, type LoginItem } from '../../../main/electron/desktop/login-item.ts';
import { pickWatchFolder, watchFoldersOf } from '../../../main/electron/desktop/watch-folders.ts';
import { app, dialog, resetFakeElectron, shell } from './fake-electron.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

beforeEach(() => resetFakeElectron());

const noLogin: LoginItem = { get: async () => false, set: async () => undefined };

function commands(folders: readonly string[] = ['/rec/calls']) {
  return desktopCommands({
    window: () => null,
    folders: () => folders,
    isKnownRecording: (path) => path === '/rec/calls/known.wav',
    loginItem: noLogin,
  });
}

describe('desktop extras', () => {
  it('the folder picker answers the chosen folder, or null when cancelled', async () => {
    await expect(commands().chooseFolder()).resolves.toBeNull();
    dialog.nextFolder = '/srv/recordings';
    await expect(commands().chooseFolder()).resolves.toBe('/srv/recordings');
  });

  it('shows a recording the queue knows in the file manager, and no other file', async () => {
    await commands().showFile('/rec/calls/known.wav');
    await expect(commands().showFile('/home/me/.ssh/id_rsa')).rejects.toThrow(
      '/home/me/.ssh/id_rsa is not a recording Call Courier has seen',
    );
    expect(shell.shown).toEqual(['/rec/calls/known.wav']);
  });

  it('opens the first watch folder, or the one asked for if it is watched', async () => {
    await commands(['/rec/a', '/rec/b']).openRecordingsFolder();
    await commands(['/rec/a', '/rec/b']).openRecordingsFolder('/rec/b/');
    await expect(commands(['/rec/a']).openRecordingsFolder('/etc')).rejects.toThrow(
      '/etc is not one of the watched folders',
    );
    await expect(commands([]).openRecordingsFolder()).rejects.toThrow(
      'No recordings folder is watched yet: add one in Settings',
    );
    expect(shell.opened).toEqual(['/rec/a', '/rec/b']);
  });

  it('saves the diagnostics bundle where the person chose, and nothing when they cancel', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'call-courier-diagnostics-'));
    try {
      const withBundle = desktopCommands({
        window: () => null,
        folders: () => [],
        isKnownRecording: () => false,
        loginItem: noLogin,
        diagnostics: async () => ({ fileName: 'bundle.zip', bytes: Buffer.from('PK zip bytes') }),
      });
      await expect(withBundle.saveDiagnostics()).resolves.toBeNull();
      dialog.nextSavePath = join(dir, 'for-support.zip');
      await expect(withBundle.saveDiagnostics()).resolves.toBe(join(dir, 'for-support.zip'));
      expect(await readFile(join(dir, 'for-support.zip'), 'utf8')).toBe('PK zip bytes');
      await expect(commands().saveDiagnostics()).rejects.toThrow('diagnostics cannot be made here');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the watch folders come from the stored settings', () => {
  it('lists the folders of valid settings, and none of settings with problems', () => {
    const valid = {
      watch: [
        { path: '/rec/a', destinations: ['et'] },
        { path: '/rec/b', destinations: ['et'] },
      ],
      profiles: [
        {
          id: 'et',
          connector: 'enderturing',
          options: { baseUrl: 'https://company.enderturing.com', username: 'u@company.com' },
        },
      ],
    };
    expect(watchFoldersOf(valid)).toEqual(['/rec/a', '/rec/b']);
    expect(watchFoldersOf({ watch: [{ path: '/rec/a' }] })).toEqual([]);
    expect(pickWatchFolder(['/rec/a'], '/rec/a')).toBe('/rec/a');
  });
});

describe('start at login', () => {
  let config = '';
  beforeEach(async () => {
    config = await mkdtemp(join(tmpdir(), 'courier-autostart-'));
    vi.stubEnv('XDG_CONFIG_HOME', config);
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await rm(config, { recursive: true, force: true });
  });

  it('a launch at login starts hidden: --hidden, or macOS saying so', () => {
    expect(startsHidden(['call-courier', '--hidden'], false)).toBe(true);
    expect(startsHidden(['call-courier'], true)).toBe(true);
    expect(startsHidden(['call-courier'], false)).toBe(false);
  });

  it('on Windows and macOS it is the login item, started with --hidden', async () => {
    const item = loginItem('win32');
    await item.set(true);
    expect(app.loginItemChanges).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
    await expect(item.get()).resolves.toBe(true);
  });

  it('on Linux it is an autostart entry that starts Call Courier hidden', async () => {
    app.isPackaged = true;
    vi.stubEnv('APPIMAGE', '/home/me/Apps/Call Courier.AppImage');
    const item = loginItem('linux');
    await expect(item.get()).resolves.toBe(false);
    await item.set(true);
    await expect(item.get()).resolves.toBe(true);
    const entry = await readFile(join(config, 'autostart', 'call-courier.desktop'), 'utf8');
    expect(entry).toContain('Exec="/home/me/Apps/Call Courier.AppImage" --hidden\n');
    await item.set(false);
    await expect(item.get()).resolves.toBe(false);
  });

  it('quotes program paths as desktop entries require', () => {
    expect(autostartEntry(['/opt/cc/call-courier', '--hidden'])).toContain(
      'Exec=/opt/cc/call-courier --hidden\n',
    );
    expect(autostartEntry(['/opt/100% "odd" $dir\\cc'])).toContain(
      'Exec="/opt/100%% \\\\"odd\\\\" \\\\$dir\\\\\\\\cc"\n',
    );
    expect(() => autostartEntry(['/opt/cc\n/bin/evil'])).toThrow(/line break/);
  });
});
