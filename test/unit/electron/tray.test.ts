import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AppTray } from '../../../main/electron/tray/app-tray.ts';
import { trayMenuTemplate, type TrayMenuActions } from '../../../main/electron/tray/tray-menu.ts';
import { trayStateOf, trayTooltip } from '../../../main/electron/tray/tray-state.ts';
import { nativeTheme, resetFakeElectron, Tray, type MenuTemplateItem } from './fake-electron.ts';
import { profile, statusWith } from './status-fixture.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

function recordingActions(): TrayMenuActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    pauseOrResume: (paused) => calls.push(paused ? 'resume' : 'pause'),
    openWindow: () => calls.push('open'),
    openFolder: (path) => calls.push(`folder ${path}`),
    retryFailed: () => calls.push('retry-failed'),
    setStartAtLogin: (enabled) => calls.push(`start-at-login ${enabled}`),
    quit: () => calls.push('quit'),
  };
}

function item(template: readonly unknown[], id: string): MenuTemplateItem {
  const found = (template as readonly MenuTemplateItem[]).find((i) => i.id === id);
  if (!found) throw new Error(`no menu item ${id}`);
  return found;
}

describe('the tray icon shows at a glance how delivery goes', () => {
  it('is idle when every recording is delivered', () => {
    expect(trayStateOf(statusWith())).toBe('idle');
  });

  it('shows uploading while recordings are waiting or being sent', () => {
    expect(trayStateOf(statusWith({ counts: { queued: 3 } }))).toBe('uploading');
    expect(trayStateOf(statusWith({ counts: { uploading: 1 } }))).toBe('uploading');
    expect(trayStateOf(statusWith({ counts: { retrying: 2 } }))).toBe('uploading');
  });

  it('shows a problem when a recording failed or a destination needs its credentials', () => {
    expect(trayStateOf(statusWith({ counts: { failed: 1, queued: 5 } }))).toBe('problem');
    expect(
      trayStateOf(statusWith({ profiles: [profile('et', 'paused', 'the password was refused')] })),
    ).toBe('problem');
  });

  it('shows paused when a person paused delivery, and offline when no platform answers', () => {
    expect(trayStateOf(statusWith({ state: 'paused', counts: { queued: 4 } }))).toBe('paused');
    expect(
      trayStateOf(statusWith({ state: 'offline', profiles: [profile('et', 'offline')] })),
    ).toBe('offline');
  });

  it('a problem outranks a pause, so failed recordings are never hidden', () => {
    expect(trayStateOf(statusWith({ state: 'paused', counts: { failed: 2 } }))).toBe('problem');
  });

  it('the tooltip counts what needs attention and what is on its way', () => {
    expect(trayTooltip(statusWith())).toBe('Call Courier: All recordings delivered');
    expect(
      trayTooltip(statusWith({ counts: { failed: 2, uploading: 1, queued: 3, retrying: 1 } })),
    ).toBe('Call Courier: 2 need attention · 1 uploading · 4 waiting');
    expect(trayTooltip(statusWith({ state: 'paused', counts: { queued: 3 } }))).toBe(
      'Call Courier: Paused · 3 waiting',
    );
  });
});

describe('the tray menu', () => {
  const facts = { folders: ['/rec/calls'], startAtLogin: false };

  it('starts with the status line, which cannot be clicked', () => {
    const template = trayMenuTemplate(
      { ...facts, status: statusWith({ counts: { failed: 1 } }) },
      recordingActions(),
    );
    expect(template[0]).toMatchObject({ id: 'status', label: '1 needs attention', enabled: false });
    expect(template.map((i) => i.id ?? i.type)).toEqual([
      'status',
      'separator',
      'pause',
      'open',
      'folder',
      'retry-failed',
      'separator',
      'start-at-login',
      'separator',
      'quit',
    ]);
  });

  it('offers Pause while delivering and Resume while paused, each doing what it says', () => {
    const actions = recordingActions();
    const running = trayMenuTemplate({ ...facts, status: statusWith() }, actions);
    const paused = trayMenuTemplate({ ...facts, status: statusWith({ state: 'paused' }) }, actions);
    expect(item(running, 'pause').label).toBe('Pause delivery');
    expect(item(paused, 'pause').label).toBe('Resume delivery');
    item(running, 'pause').click?.({ checked: false });
    item(paused, 'pause').click?.({ checked: false });
    expect(actions.calls).toEqual(['pause', 'resume']);
  });

  it('offers Retry failed only when something failed, with the count', () => {
    const actions = recordingActions();
    const none = trayMenuTemplate({ ...facts, status: statusWith() }, actions);
    const some = trayMenuTemplate(
      { ...facts, status: statusWith({ counts: { failed: 3 } }) },
      actions,
    );
    expect(item(none, 'retry-failed').enabled).toBe(false);
    expect(item(some, 'retry-failed')).toMatchObject({ label: 'Retry failed (3)', enabled: true });
    item(some, 'retry-failed').click?.({ checked: false });
    expect(actions.calls).toEqual(['retry-failed']);
  });

  it('opens the one recordings folder, lists several, and is greyed out with none', () => {
    const actions = recordingActions();
    const one = trayMenuTemplate({ ...facts, status: statusWith() }, actions);
    item(one, 'folder').click?.({ checked: false });
    const several = trayMenuTemplate(
      { ...facts, folders: ['/rec/a', '/rec/b'], status: statusWith() },
      actions,
    );
    const submenu = item(several, 'folder').submenu ?? [];
    expect(submenu.map((i) => i.label)).toEqual(['a  (/rec/a)', 'b  (/rec/b)']);
    submenu[1]?.click?.({ checked: false });
    const none = trayMenuTemplate({ ...facts, folders: [], status: statusWith() }, actions);
    expect(item(none, 'folder').enabled).toBe(false);
    expect(actions.calls).toEqual(['folder /rec/calls', 'folder /rec/b']);
  });

  it('Start at login is a checkbox that reflects and changes the setting', () => {
    const actions = recordingActions();
    const template = trayMenuTemplate(
      { ...facts, startAtLogin: true, status: statusWith() },
      actions,
    );
    expect(item(template, 'start-at-login')).toMatchObject({ type: 'checkbox', checked: true });
    // Electron flips a checkbox before calling its click.
    item(template, 'start-at-login').click?.({ checked: false });
    expect(actions.calls).toEqual(['start-at-login false']);
  });

  it('Open Call Courier and Quit do what they say; before the first status, Pause waits', () => {
    const actions = recordingActions();
    const template = trayMenuTemplate({ ...facts, status: null }, actions);
    expect(item(template, 'status').label).toBe('Starting…');
    expect(item(template, 'pause').enabled).toBe(false);
    item(template, 'open').click?.({ checked: false });
    item(template, 'quit').click?.({ checked: false });
    expect(actions.calls).toEqual(['open', 'quit']);
  });
});

describe('the tray icon in the menu bar', () => {
  beforeEach(() => resetFakeElectron());
  const iconsDir = '/app/build/icons/tray';

  function createTray(): {
    tray: AppTray;
    fake: Tray;
    actions: ReturnType<typeof recordingActions>;
  } {
    const actions = recordingActions();
    const tray = new AppTray({
      iconsDir,
      folders: () => ['/rec/calls'],
      startAtLogin: async () => true,
      actions,
    });
    const fake = Tray.all.at(-1);
    if (!fake) throw new Error('no tray was created');
    return { tray, fake, actions };
  }

  it('uses the icon file of each state, for the light or dark menu bar', () => {
    const { tray, fake } = createTray();
    expect(fake.image.path).toBe(join(iconsDir, 'idle-light.png'));
    for (const [status, state] of [
      [statusWith({ counts: { uploading: 1 } }), 'uploading'],
      [statusWith({ counts: { failed: 1 } }), 'problem'],
      [statusWith({ state: 'paused' }), 'paused'],
      [statusWith({ state: 'offline' }), 'offline'],
      [statusWith(), 'idle'],
    ] as const) {
      tray.update(status);
      expect(fake.image.path).toBe(join(iconsDir, `${state}-light.png`));
    }
    nativeTheme.shouldUseDarkColors = true;
    nativeTheme.emit('updated');
    expect(fake.image.path).toBe(join(iconsDir, 'idle-dark.png'));
  });

  it('updates tooltip and menu with each status, and reads Start at login', async () => {
    const { tray, fake } = createTray();
    tray.update(statusWith({ counts: { failed: 2 } }));
    expect(fake.tooltip).toBe('Call Courier: 2 need attention');
    expect(fake.menu?.template[0]?.label).toBe('2 need attention');
    await tray.refreshStartAtLogin();
    expect(fake.menu?.template.find((i) => i.id === 'start-at-login')?.checked).toBe(true);
  });

  it('clicking the icon opens the window; destroying it removes the icon', () => {
    const { tray, fake, actions } = createTray();
    fake.emit('click');
    expect(actions.calls).toEqual(['open']);
    tray.destroy();
    expect(fake.destroyed).toBe(true);
    expect(nativeTheme.listenerCount('updated')).toBe(0);
  });
});
