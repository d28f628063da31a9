import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLogger } from '../../../../main/core/log/file-logger.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

describe('the log file', async () => {
  const root = await tempDirForSuite();

  it('holds one JSON object per line, with its fields, readable only by its owner', async () => {
    const dir = join(root, 'plain');
    const log = await FileLogger.open({ dir });
    log.info('call.wav uploaded', { id: 7, destination: 'et' });
    log.warn('et paused: Ender Turing refused the username or password');
    await log.close();
    const lines = (await readFile(join(dir, 'call-courier.log'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        message: 'call.wav uploaded',
        id: 7,
        destination: 'et',
      },
      {
        time: expect.any(String),
        level: 'warn',
        message: 'et paused: Ender Turing refused the username or password',
      },
    ]);
    if (process.platform !== 'win32')
      expect((await stat(join(dir, 'call-courier.log'))).mode & 0o777).toBe(0o600);
  });

  it('never writes what the redactor removes', async () => {
    const dir = join(root, 'redacted');
    const log = await FileLogger.open({ dir, redact: (t) => t.replaceAll('hunter2', '***') });
    log.error('login failed for password=hunter2', { body: 'hunter2' });
    await log.close();
    const text = await readFile(join(dir, 'call-courier.log'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).toContain('***');
  });

  it('rotates by size, losing no line', async () => {
    const dir = join(root, 'rotated');
    const log = await FileLogger.open({ dir, maxBytes: 2_000, keep: 50 });
    for (let i = 0; i < 100; i += 1) log.info(`line ${i}`, { padding: 'x'.repeat(40) });
    await log.close();
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(2);
    const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
    const messages = texts
      .flatMap((t) => t.split('\n').filter(Boolean))
      .map((l) => (JSON.parse(l) as { message: string }).message);
    expect(messages.sort()).toEqual(Array.from({ length: 100 }, (_, i) => `line ${i}`).sort());
  });

  it('keeps only as many rotated files as asked', async () => {
    const dir = join(root, 'kept');
    const log = await FileLogger.open({ dir, maxBytes: 500, keep: 2 });
    for (let i = 0; i < 100; i += 1) log.info(`line ${i}`, { padding: 'x'.repeat(40) });
    await log.close();
    expect((await readdir(dir)).sort()).toEqual([
      'call-courier.log',
      'call-courier.log.1',
      'call-courier.log.2',
    ]);
  });
});
