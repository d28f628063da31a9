// The control for the secret scans: a planted secret is found in each spelling and each kind of
// file the scans read, so "0 hits" means nothing was there, not that the scan was blind.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { newCanary, scanBytes, scanTree } from './leak-scan.ts';

describe('the secret scan itself', async () => {
  const root = await tempDirForSuite('call-courier-leak-scan-');

  it('finds a secret in every spelling it can leave in: plain, JSON, URL, form, UTF-16, base64, hex, HTTP Basic', () => {
    const canary = newCanary('control', ' "+/&');
    const value = canary.value;
    const texts: Readonly<Record<string, string | Buffer>> = {
      plain: `password is ${value}`,
      json: JSON.stringify({ password: value }),
      url: `?password=${encodeURIComponent(value)}`,
      form: `password=${encodeURIComponent(value).replaceAll('%20', '+')}`,
      utf16: Buffer.from(`x${value}x`, 'utf16le'),
      base64: `token ${Buffer.from(value).toString('base64')}`,
      hex: Buffer.from(value).toString('hex'),
      'basic(me)': `Authorization: Basic ${Buffer.from(`me:${value}`).toString('base64')}`,
    };
    for (const [spelling, text] of Object.entries(texts)) {
      const hits = scanBytes(spelling, text, [canary], ['me']);
      expect(
        hits.map((h) => h.spelling),
        spelling,
      ).toContain(spelling);
    }
    expect(scanBytes('clean', 'nothing here', [canary], ['me'])).toEqual([]);
  });

  it('finds a secret in a SQLite database and its WAL, in logs and in hidden files', async () => {
    const canary = newCanary('control-files');
    const data = join(root, 'data');
    await mkdir(join(data, 'logs'), { recursive: true });
    const db = new DatabaseSync(join(data, 'queue.sqlite'));
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(canary.value);
    await writeFile(join(data, 'logs', 'call-courier.log'), `{"message":"${canary.value}"}\n`);
    await writeFile(join(data, '.hidden'), canary.value);
    const scan = await scanTree(data, [canary]);
    db.close();
    expect(scan.files).toEqual(
      expect.arrayContaining(['queue.sqlite-wal', 'logs/call-courier.log', '.hidden']),
    );
    expect(new Set(scan.hits.map((h) => h.place))).toEqual(
      new Set(['queue.sqlite-wal', 'logs/call-courier.log', '.hidden']),
    );
  });
});
