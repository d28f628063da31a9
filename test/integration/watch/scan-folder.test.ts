import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanFolder, type ScanOptions } from '../../../main/core/watch/scan-folder.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { freshFolder } from './watch-harness.ts';

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-scan-');
});

/** Creates the files (and their folders) under `dir`. */
async function tree(dir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), 'x');
  }
}

/** Scans and returns the paths found, sorted, and what could not be read. */
async function scan(root: string, recursive = true) {
  const unreadable: { path: string; code?: string }[] = [];
  const options: ScanOptions = {
    recursive,
    stopped: () => false,
    unreadable: (path, error) =>
      unreadable.push({ path, code: (error as NodeJS.ErrnoException).code }),
  };
  const found: string[] = [];
  for await (const batch of scanFolder(root, options)) found.push(...batch.map((f) => f.path));
  return { found: found.sort(), unreadable };
}

describe('scanning a watch folder', () => {
  it('finds recordings and sidecars at every depth and leaves out what the watcher ignores', async () => {
    const dir = await freshFolder(base, 'deep');
    await tree(dir, [
      'top.wav',
      'top.wav.json',
      '2025/01/02/call.MP3',
      '2025/01/02/call.json',
      '2025/01/02/notes.txt',
      '2025/01/02/.call.json',
      '2025/01/02/call.json.tmp',
      '2025/.thumbnails/x.wav',
      '2025/.thumbnails/x.json',
      'odd-folder.wav/inside.wav',
      'odd-folder.wav/inside.json',
      'partial.wav.part',
    ]);

    const { found, unreadable } = await scan(dir);

    expect(found).toEqual([
      join(dir, '2025/01/02/call.MP3'),
      join(dir, '2025/01/02/call.json'),
      join(dir, 'top.wav'),
      join(dir, 'top.wav.json'),
    ]);
    expect(unreadable).toEqual([]);
  });

  it('stays in the folder itself when it is not recursive', async () => {
    const dir = await freshFolder(base, 'flat');
    await tree(dir, ['top.wav', 'sub/inner.wav']);

    expect((await scan(dir, false)).found).toEqual([join(dir, 'top.wav')]);
  });

  it('follows a link to another folder, but not a link back up', async () => {
    const dir = await freshFolder(base, 'links');
    const elsewhere = await freshFolder(base, 'elsewhere');
    await tree(dir, ['calls/a.wav']);
    await tree(elsewhere, ['b.wav']);
    await symlink(elsewhere, join(dir, 'calls', 'linked'));
    await symlink(dir, join(dir, 'calls', 'up'));
    await symlink(join(dir, 'self.wav'), join(dir, 'self.wav'));

    const { found, unreadable } = await scan(dir);

    expect(found).toEqual([join(dir, 'calls/a.wav'), join(dir, 'calls/linked/b.wav')]);
    expect(unreadable).toEqual([]);
  });

  it('says that a missing folder could not be read, so nothing is concluded from an empty scan', async () => {
    const missing = join(base, 'missing');

    const { found, unreadable } = await scan(missing);

    expect(found).toEqual([]);
    expect(unreadable).toEqual([{ path: missing, code: 'ENOENT' }]);
  });
});
