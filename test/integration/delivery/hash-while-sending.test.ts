import { createHash } from 'node:crypto';
import { copyFile, open, readFile, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionIdOf } from '../../../main/core/connectors/tethr/call-info.ts';
import { HASHED_WHILE_SENT_FROM_BYTES } from '../../../main/core/intake/intake-recording.ts';
import type { CourierService } from '../../../main/core/service.ts';
import { PENDING_SHA256, type RecordingRow } from '../../../main/core/store/recording-row.ts';
import { startTethrEmulator } from '../../emulators/tethr/tethr-emulator.ts';
import { writeSparseWav } from '../../fixtures/audio.ts';
import { RecordingLogger, startRig, waitForStatus, type DeliveryRig } from './service-fixture.ts';
import { startTethrService } from './tethr-service.ts';

/** Audio bytes that make a stereo 8 kHz recording just big enough to be hashed while sent. */
const BIG_AUDIO_BYTES = HASHED_WHILE_SENT_FROM_BYTES + 4 * 8000;

/** A big sparse recording; `mark` is written into its audio so that recordings can differ. */
async function writeBig(path: string, mark: string): Promise<string> {
  await writeSparseWav(path, BIG_AUDIO_BYTES);
  const file = await open(path, 'r+');
  try {
    await file.write(Buffer.from(mark), 0, Buffer.byteLength(mark), 1_000_000);
  } finally {
    await file.close();
  }
  return path;
}

async function sha256Of(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

/** Every hash a row held as it was written, by file name. */
function hashesSeen(service: CourierService): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  service.store.onDidUpdate((row: RecordingRow) => {
    const list = seen.get(row.fileName) ?? [];
    if (list.at(-1) !== row.sha256) list.push(row.sha256);
    seen.set(row.fileName, list);
  });
  return seen;
}

describe('a big recording read once, its hash learnt while it is sent', () => {
  let rig: DeliveryRig | undefined;
  afterEach(async () => {
    await rig?.stop();
    rig = undefined;
  });

  it('is queued without a hash, delivered whole, and its copy under another name is still not sent twice', async () => {
    rig = await startRig('hash-while-sent');
    const seen = hashesSeen(rig.service);
    const first = await writeBig(join(rig.folder, '20240401_1540_A1_200_IN_0.wav'), 'first');
    const expected = await sha256Of(first);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);

    // Intake left the hash to the upload, which learnt the one the platform received.
    const name = '20240401_1540_A1_200_IN_0.wav';
    expect(seen.get(name)?.[0]).toBe(PENDING_SHA256);
    const [row] = rig.service.store.rowsForPath(first);
    expect(row?.sha256).toBe(expected);
    expect(rig.emulator.uploads.map((u) => [u.fileName, u.sha256])).toEqual([[name, expected]]);

    // A copy is told apart by the learnt hash; another recording of the same size is not a copy.
    await copyFile(first, join(rig.folder, '20240401_1540_A1_200_IN_0 (copy).wav'));
    await writeBig(join(rig.folder, '20240401_1600_A1_201_IN_0.wav'), 'other');
    const status = await waitForStatus(
      rig.service,
      (s) => s.counts.skipped === 1 && s.counts.uploaded === 2,
    );
    expect(status.counts.uploaded).toBe(2);
    const [skipped] = (await rig.service.listRecordings({ status: 'skipped' })).items;
    expect(skipped).toMatchObject({
      fileName: '20240401_1540_A1_200_IN_0 (copy).wav',
      errorCode: 'duplicate',
    });
    expect(rig.emulator.uploads.map((u) => u.fileName).sort()).toEqual([
      name,
      '20240401_1600_A1_201_IN_0.wav',
    ]);
  });

  it('a recording saved again while its upload learns its hash waits for that upload, then is known as the same content', async () => {
    const log = new RecordingLogger();
    // The platform takes its time to answer: the row stays uploading for a while.
    rig = await startRig('hash-while-sent-saved', {
      log,
      faults: { slow: { endpoints: ['upload'], count: 1, delayMs: 2_000 } },
    });
    const service = rig.service;
    // Bytes on their way: the checks before sending are behind it.
    const sending = new Promise<void>((resolve) =>
      service.onEvent((event) => {
        if (event.type === 'progress' && event.sentBytes > 0) resolve();
      }),
    );
    const path = await writeBig(join(rig.folder, '20240401_1540_A1_200_IN_0.wav'), 'saved');
    await sending;
    const later = new Date(Date.now() + 60_000);
    await utimes(path, later, later);

    // Asked to queue it now, the service answers with the row in flight and says it waits.
    const answer = await rig.service.enqueue(path);
    expect(answer.map((r) => r.status)).toEqual(['uploading']);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringMatching(
          /waits to be queued: .* being sent to et and hashed as it goes/,
        ),
      }),
    );

    // Tried again once the upload has its hash: the same content, so one row and one upload.
    const deadline = Date.now() + 30_000;
    let rows = rig.service.store.rowsForPath(path);
    while (rows[0]?.mtimeMs !== later.getTime() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      rows = rig.service.store.rowsForPath(path);
    }
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'uploaded', mtimeMs: later.getTime() });
    expect(rows[0]?.sha256).toBe(await sha256Of(path));
    expect(rig.emulator.uploads).toHaveLength(1);
  }, 40_000);

  it('is hashed before it is sent to a platform that needs the hash (Tethr session ids)', async () => {
    const emulator = await startTethrEmulator();
    const { service, folder } = await startTethrService('hash-tethr', emulator.url);
    try {
      const seen = hashesSeen(service);
      const path = await writeBig(join(folder, '20240131-205900_1001_IN.wav'), 'tethr');
      const expected = await sha256Of(path);
      await waitForStatus(service, (s) => s.counts.uploaded === 1);
      expect(seen.get('20240131-205900_1001_IN.wav')?.[0]).toBe(PENDING_SHA256);
      const [call] = emulator.calls;
      expect(call?.sha256).toBe(expected);
      // The session id comes from the content hash, learnt before the upload started.
      expect(call?.sessionId).toBe(sessionIdOf({ sha256: expected }));
      expect(service.store.rowsForPath(path)[0]?.sha256).toBe(expected);
    } finally {
      await service.stop();
      await emulator.close();
    }
  });
});
