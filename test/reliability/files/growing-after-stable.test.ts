import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { wavBytes } from '../../fixtures/audio.ts';
import { notPlainWords } from '../bad-input/plain-words.ts';
import { callName, expectDeliveredOnce, sha256, uniqueWav } from './recordings.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** The recorder goes on: the file becomes `bytes`, written over itself (header sizes and more audio). */
async function goOnWriting(path: string, bytes: Uint8Array): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.write(bytes, 0, bytes.length, 0);
  } finally {
    await file.close();
  }
}

describe('a recording that grows again after it was judged finished', () => {
  it('recorders that pause longer than the stability window and then write on: the platform gets each whole recording once, never the part', async () => {
    rig = await startRig('growing');
    await rig.service.pause();
    // Five recorders whose first part is a complete WAV (header filled in at each write), and
    // one that leaves the header's sizes unfilled until the call ends, as many recorders do.
    const whole = new Map<string, Buffer>();
    const parts = new Map<string, Uint8Array>();
    for (const n of [20, 21, 22, 23, 24]) {
      parts.set(callName(n), uniqueWav(n, 0.5));
      whole.set(callName(n), uniqueWav(n, 1.5));
    }
    const unfinished = callName(25);
    const unfinishedPart = Buffer.from(
      wavBytes({ channels: 2, sampleRate: 8000, seconds: 0.5, sizeFields: 0xffffffff }),
    );
    unfinishedPart.writeUInt32LE(25, 44);
    parts.set(unfinished, unfinishedPart);
    whole.set(unfinished, uniqueWav(25, 1.5));
    for (const [name, bytes] of parts) await writeFile(join(rig.folder, name), bytes);
    // Each part has been judged finished and taken in (the unfinished one as incomplete).
    await waitForStatus(rig.service, (s) => s.counts.queued === 5 && s.counts.failed === 1);
    const failed = rig.service.store.rowsForPath(join(rig.folder, unfinished))[0];
    expect(failed?.errorCode).toBe('incomplete');

    for (const [name, bytes] of whole) await goOnWriting(join(rig.folder, name), bytes);
    await rig.service.resume();
    const status = await waitForStatus(rig.service, (s) => s.counts.uploaded === 6, 30_000);

    const expected = new Map([...whole].map(([name, bytes]) => [name, sha256(bytes)] as const));
    const tally = expectDeliveredOnce(rig.emulator, expected, 6);
    for (const part of parts.values()) {
      expect(rig.emulator.uploads.map((u) => u.sha256)).not.toContain(sha256(part));
    }
    // A file changing under the queue is not the platform's fault: it was never taken offline.
    expect(status.profiles[0]?.state).toBe('active');
    const { store } = rig.service;
    const folder = rig.folder;
    const history = [...whole.keys()].flatMap((name) =>
      store
        .rowsForPath(join(folder, name))
        .flatMap((r) => store.events(r.id).map((e) => e.message)),
    );
    const noticed = history.filter((m) => /changed on disk after it was examined/.test(m));
    expect(noticed.length).toBeGreaterThan(0);
    for (const message of noticed) expect(notPlainWords(message)).toEqual([]);
    console.info(`FIGURES growing: ${JSON.stringify(tally)}`);
  });

  it('a recording that grows while it is being sent is sent again whole; the copy cut short is never taken for the delivery', async () => {
    // Ender Turing answers 2 s after it stored the upload: the recorder writes on meanwhile.
    rig = await startRig('growing-in-flight', {
      faults: { slow: { count: 1, endpoints: ['upload'], delayMs: 2_000 } },
    });
    const name = callName(30);
    const path = join(rig.folder, name);
    const part = uniqueWav(30, 0.5);
    const full = uniqueWav(30, 1.5);
    await writeFile(path, part);
    await vi.waitFor(() => expect(rig?.emulator.uploads).toHaveLength(1), { timeout: 15_000 });
    await goOnWriting(path, full);

    await vi.waitFor(
      () => {
        const rows = rig?.service.store.rowsForPath(path) ?? [];
        expect(rows.filter((r) => r.status === 'uploaded').map((r) => r.sha256)).toEqual([
          sha256(full),
        ]);
        // The attempt that sent the part has its answer, too.
        expect(rows.filter((r) => r.status === 'uploading')).toEqual([]);
      },
      { timeout: 20_000 },
    );
    // The platform received the part, then the whole recording, which is the one delivered.
    expect(rig.emulator.uploads.map((u) => u.sha256)).toEqual([sha256(part), sha256(full)]);
    const rows = rig.service.store.rowsForPath(path);
    const { store } = rig.service;
    const history = rows.flatMap((r) => store.events(r.id).map((e) => e.message));
    expect(history).toContainEqual(
      expect.stringMatching(
        /changed on disk while it was being sent, so the copy the platform received \(id [^)]+\) may be incomplete/,
      ),
    );
    // No row says the part was delivered.
    expect(rows.filter((r) => r.sha256 === sha256(part) && r.status === 'uploaded')).toEqual([]);
    console.info(
      `FIGURES growing-in-flight: ${JSON.stringify({ files: 1, faults: 1, lost: 0, duplicates: 0 })}`,
    );
  });
});
