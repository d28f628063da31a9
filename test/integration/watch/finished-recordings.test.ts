import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { wavBytes } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { folderAt, freshFolder, readyAt, watchRecordings } from './watch-harness.ts';

let base: string;
beforeAll(async () => {
  base = await tempDirForSuite('call-courier-watch-');
});

describe('a recording is reported when it is finished', () => {
  it('a file written slowly over several seconds is reported once, after the recorder stops writing, with its final size', async () => {
    const dir = await freshFolder(base, 'slow');
    const w = watchRecordings([folderAt(dir)], { stableForSeconds: 1 });
    await w.watcher.start();

    // A 3-second stereo call, written the way a recorder does: a chunk every 400 ms.
    const bytes = wavBytes({ seconds: 3, channels: 2, sampleRate: 8000 });
    const path = join(dir, '20250102-0930_agent7_client.wav');
    const chunks = 8;
    const chunkBytes = Math.ceil(bytes.length / chunks);
    for (let i = 0; i < chunks; i++) {
      await appendFile(path, bytes.subarray(i * chunkBytes, (i + 1) * chunkBytes));
      if (i < chunks - 1) await delay(400);
    }
    const lastWriteAt = Date.now();

    const report = await w.nextReady(readyAt(path));
    const reportedAt = Date.now();
    expect(report.sizeBytes).toBe(bytes.length);
    expect(reportedAt).toBeGreaterThanOrEqual(lastWriteAt);
    expect(report.folder.destinations).toEqual(['et']);

    // Looking again finds nothing new: the same size and time are not reported twice.
    await w.watcher.rescan();
    expect(w.readyFor(path)).toHaveLength(1);
    expect(w.errors).toEqual([]);
  });

  it('a recording that grows again after it was reported is reported again once it settles', async () => {
    const dir = await freshFolder(base, 'grows');
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();
    const path = join(dir, 'call.wav');

    await writeFile(path, Buffer.alloc(1000, 1));
    await w.nextReady(readyAt(path, 1000));
    await appendFile(path, Buffer.alloc(500, 2));
    await w.nextReady(readyAt(path, 1500));

    expect(w.readyFor(path).map((r) => r.sizeBytes)).toEqual([1000, 1500]);
  });

  it('temporary, hidden and non-audio files are never reported as recordings, whether there at start or written later', async () => {
    const dir = await freshFolder(base, 'names');
    const sidecars = ['call.json', 'call.wav.json'];
    const ignored = [
      '.hidden.wav',
      'call.wav.part',
      'call.tmp',
      'call.wav.crdownload',
      '~call.wav',
      'call.wav.filepart',
      'notes.txt',
      '.call.json',
      'call.json.tmp',
      '.cache/inner.wav',
      '.cache/inner.json',
      'looks-like-a-file.wav/inner.wav',
      'looks-like-a-file.wav/inner.json',
      '$RECYCLE.BIN/deleted.wav',
    ];
    const writeAll = async (under: string) => {
      for (const name of [...ignored, ...sidecars]) {
        const path = join(dir, under, name);
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, Buffer.alloc(64));
      }
    };
    await writeAll('before');
    await writeFile(join(dir, 'before', 'kept.MP3'), Buffer.alloc(64));
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();

    await writeAll('after');
    // Written last, so every ignored file had as long to settle as this one.
    const kept = join(dir, 'after', 'kept.Opus');
    await writeFile(kept, Buffer.alloc(64));
    await w.nextReady(readyAt(kept));
    for (const name of sidecars) await w.nextSidecar(readyAt(join(dir, 'after', name)));
    await w.watcher.rescan();

    expect(w.ready.map((r) => r.path).sort()).toEqual([
      join(dir, 'after', 'kept.Opus'),
      join(dir, 'before', 'kept.MP3'),
    ]);
    // Sidecars have their own report; the hidden and partial ones have none.
    expect(w.sidecars.map((s) => s.path).sort()).toEqual([
      join(dir, 'after', 'call.json'),
      join(dir, 'after', 'call.wav.json'),
      join(dir, 'before', 'call.json'),
      join(dir, 'before', 'call.wav.json'),
    ]);
    expect(w.errors).toEqual([]);
  });

  it('a recording deleted while it is still being written is dropped without a word', async () => {
    const dir = await freshFolder(base, 'deleted');
    const w = watchRecordings([folderAt(dir)]);
    await w.watcher.start();
    const gone = join(dir, 'cancelled.wav');
    const kept = join(dir, 'kept.wav');

    await writeFile(gone, Buffer.alloc(100));
    await rm(gone);
    await writeFile(kept, Buffer.alloc(100));
    await w.nextReady(readyAt(kept));

    expect(w.readyFor(gone)).toEqual([]);
    expect(w.errors).toEqual([]);
  });
});
