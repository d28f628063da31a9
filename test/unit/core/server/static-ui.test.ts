import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { startTestServer, type TestServer } from './test-server.ts';

const INDEX = '<!doctype html><title>Call Courier</title><script src="/assets/app.js"></script>';

let t: TestServer;
let outside: string;
beforeAll(async () => {
  const dir = await tempDirForSuite('call-courier-ui-');
  const ui = join(dir, 'ui');
  outside = join(dir, 'private.txt');
  await mkdir(join(ui, 'assets'), { recursive: true });
  await writeFile(join(ui, 'index.html'), INDEX);
  await writeFile(join(ui, 'assets', 'app.js'), 'console.log("ui");');
  await writeFile(join(ui, 'assets', 'app.css'), 'body { margin: 0 }');
  await writeFile(join(ui, 'assets', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await writeFile(join(ui, '.env'), 'TOKEN=hidden');
  await writeFile(outside, 'not for the web');
  if (process.platform !== 'win32') await symlink(outside, join(ui, 'assets', 'escape.txt'));
  t = await startTestServer({ staticDir: ui });
});
afterAll(() => t.server.close());

describe('the served UI', () => {
  it('serves index.html at / with a strict CSP and without asking for the token', async () => {
    const answer = await t.send('GET', '/', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(INDEX);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = String(answer.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const answer = await t.send('GET', path, { token: null });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
  });

  it('answers client-side routes with index.html', async () => {
    const answer = await t.send('GET', '/recordings/failed', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(INDEX);
  });

  it('answers a missing asset with 404, not index.html', async () => {
    expect((await t.send('GET', '/assets/missing.js', { token: null })).status).toBe(404);
  });

  it.each([
    '/../private.txt',
    '/assets/../../private.txt',
    '/assets/..%2f..%2fprivate.txt',
    '/%2e%2e/private.txt',
    '/assets%5c..%5c..%5cprivate.txt',
    '/.env',
  ])('serves nothing outside the UI folder or hidden: %s', async (path) => {
    const answer = await t.getRaw(path);
    expect(t.logs.at(-1)).toContain(path);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('not for the web');
    expect(answer.text).not.toContain('TOKEN=hidden');
  });

  it.skipIf(process.platform === 'win32')(
    'does not follow a link out of the UI folder',
    async () => {
      const answer = await t.send('GET', '/assets/escape.txt', { token: null });
      expect(answer.status).toBe(404);
      expect(answer.text).not.toContain('not for the web');
    },
  );

  it('still guards the API when a UI is served', async () => {
    expect((await t.send('GET', '/api/v1/status', { token: null })).status).toBe(401);
    expect((await t.send('GET', '/api/v1/unknown', { token: null })).status).toBe(401);
  });

  it('refuses writes to UI addresses', async () => {
    const answer = await t.send('POST', '/', { token: null });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('without a UI', () => {
  it('says at / that the API is here and how to build the window', async () => {
    const plain = await startTestServer();
    const answer = await plain.send('GET', '/', { token: null });
    const elsewhere = await plain.send('GET', '/recordings', { token: null });
    await plain.server.close();
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.text).toContain('/api/v1/');
    expect(answer.text).toContain('The window is not built: run `npm run build:ui`.');
    expect(elsewhere.status).toBe(404);
  });
});
