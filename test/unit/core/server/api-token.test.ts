import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readOrCreateApiToken,
  readOrCreateMonitorToken,
  uiAddress,
} from '../../../../main/core/server/api-token.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const root = await tempDirForSuite('call-courier-token-');

describe('the API access token', () => {
  it('is created once in the data dir, 32 random bytes in base64url, and reused', async () => {
    const dataDir = join(root, 'fresh', 'data');
    const token = await readOrCreateApiToken(dataDir);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await readFile(join(dataDir, 'api-token'), 'utf8')).trim()).toBe(token);
    expect(await readOrCreateApiToken(dataDir)).toBe(token);
    expect(await readOrCreateApiToken(join(root, 'other'))).not.toBe(token);
  });

  it.skipIf(process.platform === 'win32')('is readable by its owner only (0600)', async () => {
    const dataDir = join(root, 'mode');
    await readOrCreateApiToken(dataDir);
    expect((await stat(join(dataDir, 'api-token'))).mode & 0o777).toBe(0o600);
  });

  it.skipIf(process.platform === 'win32')('tightens a token file others could read', async () => {
    const dataDir = join(root, 'loose');
    const token = await readOrCreateApiToken(dataDir);
    await chmod(join(dataDir, 'api-token'), 0o644);
    expect(await readOrCreateApiToken(dataDir)).toBe(token);
    expect((await stat(join(dataDir, 'api-token'))).mode & 0o777).toBe(0o600);
  });

  it('keeps a token a person wrote into the file', async () => {
    const dataDir = join(root, 'chosen');
    await readOrCreateApiToken(dataDir);
    await writeFile(join(dataDir, 'api-token'), 'chosen-by-admin\n');
    expect(await readOrCreateApiToken(dataDir)).toBe('chosen-by-admin');
  });

  it('replaces an empty token file left by a crash', async () => {
    const dataDir = join(root, 'empty');
    await readOrCreateApiToken(dataDir);
    await writeFile(join(dataDir, 'api-token'), '');
    expect(await readOrCreateApiToken(dataDir)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('the read-only monitor token', () => {
  it('is kept next to the admin token in its own file, different from it, and reused', async () => {
    const dataDir = join(root, 'monitor');
    const admin = await readOrCreateApiToken(dataDir);
    const monitor = await readOrCreateMonitorToken(dataDir);
    expect(monitor).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(monitor).not.toBe(admin);
    expect((await readFile(join(dataDir, 'monitor-token'), 'utf8')).trim()).toBe(monitor);
    expect(await readOrCreateMonitorToken(dataDir)).toBe(monitor);
    expect(await readOrCreateApiToken(dataDir)).toBe(admin);
  });

  it.skipIf(process.platform === 'win32')('is readable by its owner only (0600)', async () => {
    const dataDir = join(root, 'monitor-mode');
    await readOrCreateMonitorToken(dataDir);
    expect((await stat(join(dataDir, 'monitor-token'))).mode & 0o777).toBe(0o600);
  });
});

describe('the UI address the CLI prints', () => {
  it('carries the token in the fragment, which browsers never send', () => {
    expect(uiAddress('http://127.0.0.1:8490', 'abc-_123')).toBe(
      'http://127.0.0.1:8490/#token=abc-_123',
    );
    expect(uiAddress('http://127.0.0.1:8490/', 'a+b')).toBe('http://127.0.0.1:8490/#token=a%2Bb');
  });
});
