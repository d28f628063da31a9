import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileFacts } from '../../../main/core/watch/watch-types.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { folderAt, freshFolder, readyAt, watchRecordings, writeAged } from './watch-harness.ts';

const HOUR_MS = 3_600_000;

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-taken-');
});

describe('a restart with recordings already taken in', () => {
  it('reports only the recordings the queue does not hold as they are, and later changes of the others', async () => {
    const dir = await freshFolder(base, 'restart');
    const old = join(dir, 'delivered.wav');
    const fresh = join(dir, 'new.wav');
    await writeAged(old, HOUR_MS, 200);
    await writeAged(fresh, HOUR_MS, 300);
    const asked: FileFacts[] = [];
    // The queue holds delivered.wav with its size: it was taken in before the restart.
    const w = watchRecordings([folderAt(dir)], {
      alreadyTaken: (files) => {
        asked.push(...files);
        return new Set(
          files.filter((f) => f.path === old && f.sizeBytes === 200).map((f) => f.path),
        );
      },
    });

    await w.watcher.start();

    expect(w.ready.map((r) => r.path)).toEqual([fresh]);
    expect(asked.map((file) => [file.path, file.sizeBytes]).sort()).toEqual([
      [old, 200],
      [fresh, 300],
    ]);
    // Held as it was, it is known as reported: a later change is reported like any other.
    await appendFile(old, Buffer.alloc(50));
    await w.nextReady(readyAt(old, 250));
  });
});
