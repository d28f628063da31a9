import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAfterUpload } from '../../../main/core/service/after-upload.ts';
import { openQueue } from '../../../main/core/store/open-queue.ts';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import {
  RecordingLogger,
  startRig,
  waitForStatus,
  type DeliveryRig,
  type RigConfig,
} from './service-fixture.ts';

const DAY = 24 * 60 * 60 * 1000;
let rig: DeliveryRig | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await rig?.stop();
  rig = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** The rig's settings with this post-upload action; `move` files into `<root>/archive`. */
function afterUpload(action: Record<string, unknown>) {
  return (base: RigConfig): RigConfig => {
    const root = dirname(String(base.watch[0]?.['path']));
    const full =
      action['action'] === 'move' ? { ...action, archiveDir: join(root, 'archive') } : action;
    return { ...base, upload: { ...base.upload, afterUpload: full } };
  };
}

/** Writes a stereo recording (its length makes its content unique) and returns its path. */
async function record(folder: string, name: string, seconds = 1): Promise<string> {
  await mkdir(folder, { recursive: true });
  return writeWav(join(folder, name), { channels: 2, seconds });
}

/** Hands recordings to the service and waits until the platform confirmed all of them. */
async function deliver(r: DeliveryRig, ...paths: string[]): Promise<void> {
  const before = (await r.service.status()).counts.uploaded;
  for (const path of paths) await r.service.enqueue(path);
  await waitForStatus(r.service, (s) => s.counts.uploaded === before + paths.length);
}

function uploadedAt(r: DeliveryRig, path: string): number {
  const [row] = r.service.store.rowsForPath(path);
  if (!row?.uploadedAt) throw new Error(`${path} was not delivered`);
  return row.uploadedAt;
}

describe('what happens to a recording after the platform confirmed it', () => {
  it('keep: a delivered recording stays where the recorder wrote it', async () => {
    rig = await startRig('keep');
    const path = await record(rig.folder, '20240131_2059_Agent99_12345678_IN_0.wav');
    await deliver(rig, path);
    const log = new RecordingLogger();
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now() + 400 * DAY, log)).toBe(
      0,
    );
    expect(await exists(path)).toBe(true);
    expect(rig.service.store.rowsForPath(path)[0]?.afterUploadDoneAt).toBeNull();
  });

  it('move: a delivered recording and its sidecar go to the archive under the same sub-folders', async () => {
    rig = await startRig('move', { configure: afterUpload({ action: 'move' }) });
    const day = join(rig.folder, '2024', '01', '31');
    const archive = join(rig.root, 'archive');
    const path = await record(day, '20240131_2059_Agent99_12345678_IN_0.wav');
    await writeFile(join(day, '20240131_2059_Agent99_12345678_IN_0.json'), '{"queue":"support"}');
    const bytes = await readFile(path);
    await deliver(rig, path);
    const log = new RecordingLogger();
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now(), log)).toBe(1);
    const target = join(archive, '2024', '01', '31', '20240131_2059_Agent99_12345678_IN_0.wav');
    expect(await readFile(target)).toEqual(bytes);
    expect(
      await readFile(
        join(archive, '2024', '01', '31', '20240131_2059_Agent99_12345678_IN_0.json'),
        'utf8',
      ),
    ).toBe('{"queue":"support"}');
    expect(await exists(path)).toBe(false);
    expect(log.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: expect.stringContaining('moved to the archive'),
      }),
    );
    // Done once: a second run finds nothing to do.
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now(), log)).toBe(0);
  });

  it('move: a recording with the name of one already archived does not replace it, nor its sidecar', async () => {
    rig = await startRig('move-twice', { configure: afterUpload({ action: 'move' }) });
    const archive = join(rig.root, 'archive');
    const name = '20240131_2059_Agent99_12345678_IN_0';
    await mkdir(archive);
    await writeFile(join(archive, `${name}.wav`), 'the earlier call');
    await writeFile(join(archive, `${name}.json`), '{"queue":"earlier"}');
    const path = await record(rig.folder, `${name}.wav`);
    await writeFile(join(rig.folder, `${name}.json`), '{"queue":"later"}');
    const bytes = await readFile(path);
    await deliver(rig, path);
    expect(
      await runAfterUpload(rig.service.store, rig.settings, Date.now(), new RecordingLogger()),
    ).toBe(1);
    expect(await readFile(join(archive, `${name}.wav`), 'utf8')).toBe('the earlier call');
    expect(await readFile(join(archive, `${name}.json`), 'utf8')).toBe('{"queue":"earlier"}');
    expect(await readFile(join(archive, `${name} (2).wav`))).toEqual(bytes);
    expect(await readFile(join(archive, `${name} (2).json`), 'utf8')).toBe('{"queue":"later"}');
  });

  it('move: a recording the platform has not confirmed yet stays until it has', async () => {
    rig = await startRig('move-wait', {
      password: 'wrong password',
      configure: afterUpload({ action: 'move' }),
    });
    const archive = join(rig.root, 'archive');
    const path = await record(rig.folder, '20240131_2100_Agent99_12345678_OUT_1.wav');
    await rig.service.enqueue(path);
    await waitForStatus(rig.service, (s) => s.profiles[0]?.state === 'paused');
    const log = new RecordingLogger();
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now() + DAY, log)).toBe(0);
    expect(await exists(path)).toBe(true);

    await rig.service.setSecret('et', 'password', 'correct horse battery staple');
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now(), log)).toBe(1);
    expect(await exists(join(archive, '20240131_2100_Agent99_12345678_OUT_1.wav'))).toBe(true);
  });

  it('move: a recording changed after it was queued is left in place with a warning, and its new content is filed once delivered', async () => {
    rig = await startRig('move-changed', { configure: afterUpload({ action: 'move' }) });
    const name = '20240131_2101_Agent99_12345678_IN_0.wav';
    const path = await record(rig.folder, name);
    const archive = join(rig.root, 'archive');
    await deliver(rig, path);
    await rig.stopService();
    // The recorder appended to the file after it was delivered.
    await appendFile(path, Buffer.alloc(3200));
    const { store } = await openQueue(join(rig.dataDir, 'queue.sqlite'));
    const log = new RecordingLogger();
    try {
      expect(await runAfterUpload(store, rig.settings, Date.now(), log)).toBe(0);
      const [row] = store.rowsForPath(path);
      expect(store.events(row?.id ?? -1).at(-1)?.message).toBe(
        'the file changed after it was delivered, so it was left in place',
      );
    } finally {
      store.close();
    }
    expect(await exists(path)).toBe(true);
    expect(log.lines).toContainEqual({
      level: 'warn',
      message: `${name} changed after delivery; left in place`,
      fields: { path },
    });

    // Started again, the service delivers the new content; that one is then filed.
    const service = await rig.startService();
    await vi.waitFor(() => expect(rig?.emulator.uploads).toHaveLength(2), { timeout: 10_000 });
    await waitForStatus(service, (s) => s.counts.uploaded === 2);
    const changed = await readFile(path);
    expect(await runAfterUpload(service.store, rig.settings, Date.now(), log)).toBe(1);
    expect(await readFile(join(archive, name))).toEqual(changed);
  });

  it('delete: removes only recordings delivered more than the given days ago', async () => {
    rig = await startRig('delete', { configure: afterUpload({ action: 'delete', afterDays: 30 }) });
    const older = await record(rig.folder, '20240131_2102_Agent1_100_IN_0.wav', 1);
    await writeFile(join(rig.folder, '20240131_2102_Agent1_100_IN_0.json'), '{"queue":"a"}');
    await deliver(rig, older);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const newer = await record(rig.folder, '20240131_2103_Agent2_200_IN_0.wav', 1.1);
    await deliver(rig, newer);
    const first = uploadedAt(rig, older);
    expect(uploadedAt(rig, newer)).toBeGreaterThan(first);
    const { service, settings } = rig;
    const log = new RecordingLogger();
    const run = (now: number) => runAfterUpload(service.store, settings, now, log);

    expect(await run(first + 30 * DAY - 1)).toBe(0);
    expect(await exists(older)).toBe(true);
    expect(await run(first + 30 * DAY + 1)).toBe(1);
    expect(await exists(older)).toBe(false);
    expect(await exists(join(rig.folder, '20240131_2102_Agent1_100_IN_0.json'))).toBe(false);
    expect(await exists(newer)).toBe(true);
    expect(await run(uploadedAt(rig, newer) + 30 * DAY)).toBe(1);
    expect(await exists(newer)).toBe(false);
  });

  it('delete: a recording is kept until every destination has confirmed it', async () => {
    const second = await startEnderTuringEmulator({
      faults: {
        reject: { count: 1, endpoints: ['upload'], status: 422, detail: 'Unsupported file' },
      },
    });
    cleanups.push(() => second.close());
    rig = await startRig('delete-two', {
      secrets: { 'et2/password': 'correct horse battery staple' },
      configure: (base) => ({
        watch: [{ ...base.watch[0], destinations: ['et', 'et2'] }],
        profiles: [
          ...base.profiles,
          {
            ...base.profiles[0],
            id: 'et2',
            options: { ...(base.profiles[0]?.['options'] as object), baseUrl: second.url },
          },
        ],
        upload: { ...base.upload, afterUpload: { action: 'delete', afterDays: 0 } },
      }),
    });
    const path = await record(rig.folder, '20240131_2104_Agent99_12345678_IN_0.wav');
    await rig.service.enqueue(path);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1 && s.counts.failed === 1);
    const log = new RecordingLogger();
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now() + DAY, log)).toBe(0);
    expect(await exists(path)).toBe(true);

    const failed = rig.service.store.rowsForPath(path).find((r) => r.destination === 'et2');
    await rig.service.retry(failed?.id ?? -1);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 2);
    expect(await runAfterUpload(rig.service.store, rig.settings, Date.now() + DAY, log)).toBe(1);
    expect(await exists(path)).toBe(false);
  });

  it('the running service files delivered recordings on its own, once a minute', async () => {
    // Only the service's minute timer is simulated; uploads and files are real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    rig = await startRig('move-service', { configure: afterUpload({ action: 'move' }) });
    const path = await record(rig.folder, '20240131_2105_Agent99_12345678_IN_0.wav');
    const archive = join(rig.root, 'archive');
    await deliver(rig, path);
    expect(await exists(path)).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    await vi.waitFor(async () =>
      expect(await exists(join(archive, '20240131_2105_Agent99_12345678_IN_0.wav'))).toBe(true),
    );
    expect(await exists(path)).toBe(false);
    // The recording's history says where it went.
    const [row] = rig.service.store.rowsForPath(path);
    const history = rig.service.store.events(row?.id ?? -1).map((e) => e.message);
    expect(history.at(-1)).toBe(
      `moved to ${join(archive, '20240131_2105_Agent99_12345678_IN_0.wav')}`,
    );
  });
});
