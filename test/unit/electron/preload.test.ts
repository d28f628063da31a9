import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CourierEvent } from '../../../preload/api.ts';
import { courierBridge } from '../../../preload/courier-bridge.ts';
import {
  API_METHODS,
  DESKTOP_METHODS,
  EVENT_CHANNEL,
  NAVIGATE_CHANNEL,
} from '../../../preload/ipc-channels.ts';
import { contextBridge, ipcRenderer, resetFakeElectron } from './fake-electron.ts';
import { statusWith } from './status-fixture.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

const repo = fileURLToPath(new URL('../../../', import.meta.url));

describe('the preload bridge', () => {
  beforeEach(() => resetFakeElectron());

  it('exposes exactly the CourierApi commands, the desktop extras and the two subscriptions', () => {
    expect(Object.keys(courierBridge()).sort()).toEqual(
      [...API_METHODS, ...DESKTOP_METHODS, 'onEvent', 'onNavigate'].sort(),
    );
  });

  it('exposes it as window.courier and nothing else', async () => {
    await import('../../../preload/index.ts');
    expect([...contextBridge.exposed.keys()]).toEqual(['courier']);
    const exposed = contextBridge.exposed.get('courier') as Record<string, unknown>;
    expect(Object.values(exposed).every((value) => typeof value === 'function')).toBe(true);
    expect(exposed).not.toHaveProperty('ipcRenderer');
  });

  it('each command is an invoke on its own channel, with the arguments as given', async () => {
    const bridge = courierBridge();
    await bridge.retry(12);
    await bridge.setSecret('et', 'password', 'pw');
    await bridge.listRecordings({ status: 'failed' });
    await bridge.chooseFolder();
    expect(ipcRenderer.invoked).toEqual([
      { channel: 'courier:retry', args: [12] },
      { channel: 'courier:setSecret', args: ['et', 'password', 'pw'] },
      { channel: 'courier:listRecordings', args: [{ status: 'failed' }] },
      { channel: 'courier:chooseFolder', args: [] },
    ]);
  });

  it('events reach the listener without Electron’s event object, until disposed', () => {
    const bridge = courierBridge();
    const received: unknown[][] = [];
    const dispose = bridge.onEvent((...args: unknown[]) => received.push(args));
    const event: CourierEvent = { type: 'status', status: statusWith() };
    ipcRenderer.emit(EVENT_CHANNEL, { sender: ipcRenderer }, event);
    dispose();
    ipcRenderer.emit(EVENT_CHANNEL, { sender: ipcRenderer }, event);
    expect(received).toEqual([[event]]);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });

  it('navigation requests reach onNavigate listeners', () => {
    const views: string[] = [];
    const dispose = courierBridge().onNavigate((view) => views.push(view));
    ipcRenderer.emit(NAVIGATE_CHANNEL, {}, 'settings/et');
    dispose();
    expect(views).toEqual(['settings/et']);
  });
});

describe('the preload bundle', () => {
  it('is one CommonJS script that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'courier-preload-'));
    try {
      await build({
        configFile: join(repo, 'preload', 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir },
      });
      const code = await readFile(join(outDir, 'index.cjs'), 'utf8');
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect([...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])).toEqual([
        'electron',
      ]);
      expect(code).toContain('exposeInMainWorld("courier"');
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
