// Secrets given to the desktop app through its IPC channel (the window's Settings) are used and
// never come back out: not in the user-data folder, the stored settings, the window's events,
// an IPC answer or refusal, or the process output. Electron is replaced (vi.mock), the core is real.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { startDesktopCore } from '../../../main/electron/core/start-core.ts';
import { runDesktopApp } from '../../../main/electron/desktop-app.ts';
import type { DesktopShell } from '../../../main/electron/desktop-shell.ts';
import type { StatusAnswer } from '../../../preload/api.ts';
import {
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { storedDocuments } from '../../unit/electron/fake-electron-store.ts';
import {
  app,
  FakeBrowserWindow,
  ipcMain,
  resetFakeElectron,
} from '../../unit/electron/fake-electron.ts';
import { newCanary, scanBytes, scanTree, type Hit } from './leak-scan.ts';

vi.mock('electron', () => import('../../unit/electron/fake-electron.ts'));
vi.mock('electron-store', () => import('../../unit/electron/fake-electron-store.ts'));

const USERS = { good: 'u-desk@office.example', refused: 'u-desk-refused@office.example' };

let userData = '';
let running: DesktopShell | null = null;
let emulator: EnderTuringEmulator | undefined;

beforeEach(async () => {
  resetFakeElectron();
  storedDocuments.clear();
  userData = await mkdtemp(join(tmpdir(), 'courier-desktop-secrets-'));
  app.userData = userData;
  app.appPath = '/opt/call-courier/resources/app';
  vi.stubEnv('XDG_CONFIG_HOME', userData);
});

afterEach(async () => {
  await running?.stop();
  running = null;
  await emulator?.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await rm(userData, { recursive: true, force: true });
});

describe('secrets of the desktop app', () => {
  it(
    'uses the secrets set from the window and shows none of them anywhere',
    { timeout: 60_000 },
    async () => {
      const good = newCanary('ipc');
      const refused = newCanary('ipc-refused');
      const foreign = newCanary('ipc-foreign');
      const inSettings = newCanary('ipc-settings');
      const tooLong = newCanary('ipc-toolong', 'x'.repeat(70_000));
      const canaries = [good, refused, foreign, inSettings, tooLong];
      emulator = await startEnderTuringEmulator({
        users: { [USERS.good]: good.value, [USERS.refused]: 'what the platform really has' },
      });
      const output: string[] = [];
      for (const stream of [process.stdout, process.stderr]) {
        const write = stream.write.bind(stream);
        vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
          output.push(String(chunk));
          return write(chunk as string, ...rest);
        }) as typeof stream.write);
      }
      for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          output.push(args.map(String).join(' '));
        });
      }

      const secrets = new MemorySecretStore();
      // As main.ts passes it: what the crash report redacts.
      const knownSecrets = new Set<string>();
      const started = runDesktopApp({
        argv: ['electron', '.', '--hidden'],
        startCore: (options) => startDesktopCore({ ...options, secrets, knownSecrets }),
      });
      app.becomeReady();
      running = await started;
      const [window] = FakeBrowserWindow.all;
      if (!window) throw new Error('no window');
      const own = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
      const stranger = new FakeBrowserWindow({});
      await stranger.loadURL('https://evil.example/');
      const other = { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame };

      const answers: { what: string; text: string }[] = [];
      const invoke = async (from: unknown, method: string, ...args: unknown[]) => {
        const handler = ipcMain.handlers.get(`courier:${method}`);
        if (!handler) throw new Error(`no channel for ${method}`);
        try {
          const answer = await handler(from, ...args);
          answers.push({ what: method, text: JSON.stringify(answer) ?? '' });
          return { ok: true as const, answer };
        } catch (error) {
          const { name, message, stack } = error as Error;
          answers.push({ what: `${method} (refused)`, text: `${name}: ${message}\n${stack}` });
          return { ok: false as const, message };
        }
      };

      const folders = {
        good: join(userData, 'calls-good'),
        refused: join(userData, 'calls-refused'),
      };
      for (const folder of Object.values(folders)) await mkdir(folder);
      const settings = {
        watch: Object.entries(folders).map(([name, path]) => ({ path, destinations: [name] })),
        profiles: Object.entries(USERS).map(([name, username]) => ({
          id: name,
          connector: 'enderturing',
          options: { baseUrl: emulator?.url, username },
        })),
        upload: { stableForSeconds: 1 },
      };
      expect((await invoke(own, 'putSettings', settings)).ok).toBe(true);
      expect((await invoke(own, 'setSecret', 'good', 'password', good.value)).ok).toBe(true);
      expect((await invoke(own, 'setSecret', 'refused', 'password', refused.value)).ok).toBe(true);
      // Wrong doors: another page, a secret in the settings, a secret too long.
      expect((await invoke(other, 'setSecret', 'good', 'password', foreign.value)).ok).toBe(false);
      const withSecret = structuredClone(settings);
      (withSecret.profiles[0]?.options as Record<string, unknown>).password = inSettings.value;
      const settingsAnswer = await invoke(own, 'putSettings', withSecret);
      expect(JSON.stringify(settingsAnswer)).toContain('does not belong in the settings file');
      expect((await invoke(own, 'setSecret', 'good', 'password', tooLong.value)).ok).toBe(false);
      expect(await secrets.get('good', 'password')).toBe(good.value);

      await writeWav(join(folders.good, '20240401_1000_Agent1_5551234_IN_0.wav'), {
        channels: 2,
        seconds: 1,
      });
      await writeWav(join(folders.refused, '20240401_1001_Agent2_5551235_IN_0.wav'), {
        channels: 2,
        seconds: 1.5,
      });
      await vi.waitFor(
        async () => {
          const status = (await invoke(own, 'status')).answer as StatusAnswer;
          const paused = status.profiles.find((p) => p.id === 'refused')?.state === 'paused';
          if (status.counts.uploaded + status.counts.processed < 1 || !paused) {
            throw new Error(`waiting: ${JSON.stringify(status)}`);
          }
        },
        { timeout: 30_000, interval: 200 },
      );
      expect(emulator.uploads).toHaveLength(1);
      const tests = [
        await invoke(own, 'testProfile', 'good'),
        await invoke(own, 'testProfile', 'refused'),
      ];
      expect(tests.map((t) => (t.answer as { ok: boolean }).ok)).toEqual([true, false]);
      for (const method of ['status', 'getSettings', 'connectors', 'presets'])
        await invoke(own, method);
      await invoke(own, 'listRecordings', { limit: 500 });
      await invoke(own, 'secretsStored', 'good');

      await running?.stop();
      running = null;
      const tree = await scanTree(userData, canaries, Object.values(USERS));
      expect(tree.files).toEqual(expect.arrayContaining(['queue.sqlite']));
      expect(tree.files.some((f) => f.startsWith('logs/'))).toBe(true);
      const users = Object.values(USERS);
      const hits: Hit[] = [
        ...tree.hits,
        ...scanBytes('stored settings', JSON.stringify([...storedDocuments]), canaries, users),
        ...scanBytes(
          'events to the window',
          JSON.stringify(window.webContents.sent),
          canaries,
          users,
        ),
        ...scanBytes('process output', output.join('\n'), canaries, users),
        ...answers.flatMap(({ what, text }) => scanBytes(`IPC ${what}`, text, canaries, users)),
      ];
      expect(hits).toEqual([]);
      expect([...knownSecrets]).toEqual(expect.arrayContaining([good.value, refused.value]));
      vi.restoreAllMocks();
      console.info(
        `desktop secrets: ${canaries.length} set, ${tree.files.length + 3 + answers.length} places scanned, 0 hits`,
      );
    },
  );
});
