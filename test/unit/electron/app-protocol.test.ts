import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UI_CSP } from '../../../main/core/server/static-files.ts';
import { serveAppRequest } from '../../../main/electron/protocol/app-files.ts';
import {
  handleAppProtocol,
  registerAppScheme,
} from '../../../main/electron/protocol/register-app-protocol.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { protocol, resetFakeElectron } from './fake-electron.ts';

vi.mock('electron', () => import('./fake-electron.ts'));

let root = '';

beforeAll(async () => {
  const base = await tempDirForSuite('courier-app-protocol-');
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Call Courier</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("ui")');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(base, 'secret.txt'), 'outside the UI folder');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'leak.txt'));
});

beforeEach(() => resetFakeElectron());

function get(url: string, method = 'GET'): Promise<Response> {
  return serveAppRequest(new Request(url, { method }), root);
}

describe('the UI is served from app://courier', () => {
  it('serves the page with the strict Content-Security-Policy', async () => {
    const answer = await get('app://courier/index.html');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-security-policy')).toBe(UI_CSP);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await answer.text()).toContain('<title>Call Courier</title>');
  });

  it('serves scripts with their type, and every view route gets the page', async () => {
    const script = await get('app://courier/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log("ui")');
    const route = await get('app://courier/settings/et');
    expect(await route.text()).toContain('<title>Call Courier</title>');
    expect((await get('app://courier/')).status).toBe(200);
  });

  it('a missing file is not found', async () => {
    expect((await get('app://courier/assets/missing.js')).status).toBe(404);
  });
});

describe('the app:// handler refuses to leave the UI folder', () => {
  it.each([
    'app://courier/%2e%2e/secret.txt',
    'app://courier/..%2fsecret.txt',
    'app://courier/assets/..%2f..%2fsecret.txt',
    'app://courier/%2e%2e%5csecret.txt',
    'app://courier/..%5c..%5csecret.txt',
    'app://courier/C:%5cWindows%5cwin.ini',
    'app://courier/index.html%00.js',
    'app://courier/%E0%A4%A',
  ])('%s is refused', async (url) => {
    const answer = await get(url);
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain('outside the UI folder');
  });

  it('an absolute path in the address stays inside the folder', async () => {
    const answer = await get('app://courier/%2fetc%2fpasswd');
    expect(await answer.text()).toBe('<!doctype html><title>Call Courier</title>');
  });

  it('a symbolic link pointing outside the folder is refused', async () => {
    const answer = await get('app://courier/assets/leak.txt');
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain('outside the UI folder');
  });

  it('hidden files are refused', async () => {
    expect((await get('app://courier/.env')).status).toBe(404);
  });

  it('another host of the scheme is refused', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
  });

  it('only reads are answered', async () => {
    expect((await get('app://courier/index.html', 'POST')).status).toBe(405);
  });
});

describe('the app:// scheme with Electron', () => {
  it('is privileged as standard and secure, but neither bypasses the CSP nor opens CORS', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('is handled from the UI folder', async () => {
    handleAppProtocol(root);
    const handler = protocol.handlers.get('app');
    const answer = await handler?.(new Request('app://courier/index.html'));
    expect(answer?.status).toBe(200);
  });
});
