import { readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.ts';
import { runAfterUpload } from '../../../main/core/service/after-upload.ts';
import {
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { notPlainWords } from '../bad-input/plain-words.ts';
import { callName, expectDeliveredOnce, sha256, uniqueWav } from './recordings.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** Writes recordings while delivery is paused and waits until each is queued. */
async function queuedWhilePaused(r: DeliveryRig, files: ReadonlyMap<string, Buffer>) {
  await r.service.pause();
  for (const [name, bytes] of files) await writeFile(join(r.folder, name), bytes);
  await waitForStatus(r.service, (s) => s.counts.queued === files.size);
}

describe('a recording deleted or replaced between detection and upload', () => {
  it('a deleted recording fails, saying it was deleted before it could be sent; nothing is uploaded for it and the others are delivered', async () => {
    rig = await startRig('deleted');
    const files = new Map([1, 2, 3].map((n) => [callName(n), uniqueWav(n)] as const));
    await queuedWhilePaused(rig, files);

    const doomed = callName(2);
    await rm(join(rig.folder, doomed));
    await rig.service.resume();
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 2 && s.counts.failed === 1);

    const [row, ...more] = rig.service.store.rowsForPath(join(rig.folder, doomed));
    expect(more).toEqual([]);
    expect(row).toMatchObject({ status: 'failed', errorCode: 'unreadable' });
    expect(row?.error).toMatch(
      /deleted or moved before it could be sent, so nothing was delivered/,
    );
    expect(notPlainWords(row?.error ?? '')).toEqual([]);
    files.delete(doomed);
    const kept = new Map([...files].map(([name, bytes]) => [name, sha256(bytes)] as const));
    const tally = expectDeliveredOnce(rig.emulator, kept, 1);
    expect((await rig.service.status()).profiles[0]?.state).toBe('active');
    console.info(`FIGURES deleted: ${JSON.stringify({ ...tally, files: 3 })}`);
  });

  it('a recording replaced under the same name, by content of the same size or another, reaches the platform once as its new content and never as its old', async () => {
    // Stable after 2 s: the upload is tried (and refused) before the watcher takes the new content in.
    rig = await startRig('replaced', {
      configure: (base) => ({ ...base, upload: { ...base.upload, stableForSeconds: 2 } }),
    });
    const sameSize = callName(10);
    const otherSize = callName(11);
    const untouched = callName(12);
    await queuedWhilePaused(
      rig,
      new Map([
        [sameSize, uniqueWav(10)],
        [otherSize, uniqueWav(11)],
        [untouched, uniqueWav(12)],
      ]),
    );
    const old = [uniqueWav(10), uniqueWav(11)].map(sha256);

    // The recorder writes each anew under a hidden name and renames it over the old one.
    const replacements = new Map([
      [sameSize, uniqueWav(110)],
      [otherSize, uniqueWav(111, 0.5)],
    ]);
    for (const [name, bytes] of replacements) {
      await writeFile(join(rig.folder, `.${name}.new`), bytes);
      await rename(join(rig.folder, `.${name}.new`), join(rig.folder, name));
    }
    await rig.service.resume();
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 3, 30_000);

    const expected = new Map([
      [sameSize, sha256(uniqueWav(110))],
      [otherSize, sha256(uniqueWav(111, 0.5))],
      [untouched, sha256(uniqueWav(12))],
    ]);
    const tally = expectDeliveredOnce(rig.emulator, expected, 2);
    expect(rig.emulator.uploads.map((u) => u.sha256)).not.toContain(old[0]);
    expect(rig.emulator.uploads.map((u) => u.sha256)).not.toContain(old[1]);
    for (const name of [sameSize, otherSize]) {
      const rows = rig.service.store.rowsForPath(join(rig.folder, name));
      // One row holds the delivered content; the queue says it noticed the change.
      expect(rows.filter((r) => r.status === 'uploaded').map((r) => r.sha256)).toEqual([
        expected.get(name),
      ]);
      const history = rows.flatMap((r) => rig?.service.store.events(r.id) ?? []);
      expect(history.map((e) => e.message)).toContainEqual(
        expect.stringMatching(/changed on disk after it was examined .* so it was not sent/),
      );
    }
    expect((await rig.service.status()).profiles[0]?.state).toBe('active');
    console.info(`FIGURES replaced: ${JSON.stringify(tally)}`);
  });

  it('a recording only touched (saved again as it was) before and after its upload is delivered once, and still filed by the move', async () => {
    rig = await startRig('touched', {
      configure: (base) => {
        const root = join(String(base.watch[0]?.['path']), '..');
        const afterUpload = { action: 'move', archiveDir: join(root, 'archive') };
        return { ...base, upload: { ...base.upload, afterUpload } };
      },
    });
    const name = callName(13);
    const path = join(rig.folder, name);
    const bytes = uniqueWav(13);
    await queuedWhilePaused(rig, new Map([[name, bytes]]));
    const touch = async (secondsAhead: number) => {
      const when = new Date(Date.now() + secondsAhead * 1000);
      await utimes(path, when, when);
    };
    await touch(-30);
    await rig.service.resume();
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    // Touched again after delivery: the queue takes the new time once the watcher reports it.
    await touch(-20);
    const touched = (await stat(path)).mtimeMs;
    await vi.waitFor(
      () => expect(rig?.service.store.rowsForPath(path).map((r) => r.mtimeMs)).toEqual([touched]),
      { timeout: 15_000 },
    );
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now(), silentLogger)).toBe(1);
    expect(await readFile(join(rig.root, 'archive', name))).toEqual(bytes);
    const tally = expectDeliveredOnce(rig.emulator, new Map([[name, sha256(bytes)]]), 2);
    console.info(`FIGURES touched: ${JSON.stringify(tally)}`);
  });
});
