import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEnderTuringEmulator } from '../../emulators/enderturing/enderturing-emulator.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  crashed,
  namesIn,
  readQueue,
  rowsNow,
  runCourier,
  starts,
  stopCourier,
  until,
  writeConfig,
  writeRecording,
} from './courier-process.ts';

describe('call-courier run killed with SIGKILL during an upload', async () => {
  const root = await tempDirForSuite('call-courier-kill-upload-');
  const emulator = await startEnderTuringEmulator();
  afterAll(async () => {
    await emulator.close();
    console.info(
      `kill during upload: ${starts.count} service starts, ${kills} kills, ${files} files`,
    );
  });
  let kills = 0;
  let files = 0;

  it('loses nothing and sends nothing twice when killed after the upload is claimed, mid-body and after the platform answered; a second instance is refused meanwhile', async () => {
    const folder = join(root, 'recordings');
    const dataDir = join(root, 'data');
    await mkdir(folder, { recursive: true });
    const config = await writeConfig(join(root, 'office.json'), folder, emulator.url);
    // 40 s of 8 kHz stereo is 1.28 MB: two pieces of body (1 MiB at most each), so the 1st ends inside it.
    const recordings = await Promise.all(
      [0, 1, 2, 3, 4].map((n) => writeRecording(folder, n, 40 + n / 10)),
    );
    const uploadsOf = (sha256: string) => emulator.uploads.filter((u) => u.sha256 === sha256);
    const uploading = () => readQueue(dataDir).rows.filter((r) => r.status === 'uploading');

    // 1. Killed once the row is committed as `uploading`, before the request is sent.
    const first = runCourier(config, dataDir, 'upload-intent');
    await crashed(first, 'upload-intent');
    kills += 1;
    const afterIntent = readQueue(dataDir);
    expect(afterIntent.integrity).toBe('ok');
    const claimed = uploading();
    expect(claimed).toHaveLength(1);
    const victim = recordings.find((r) => r.name === claimed[0]?.fileName);
    expect(victim).toBeDefined();
    expect(emulator.uploads).toHaveLength(0);

    // 2. Started again, the same recording is asked for and sent: killed after the 1st piece of its body.
    const uploadRequests = () =>
      emulator.requests.filter((r) => r.path.startsWith('/api/v1/recognizer/audio-file')).length;
    const second = runCourier(config, dataDir, 'upload-body:1');
    await crashed(second, 'upload-body');
    kills += 1;
    expect(readQueue(dataDir).integrity).toBe('ok');
    expect(uploading().map((r) => r.fileName)).toEqual([victim?.name]);
    // The platform saw a request whose body was cut short, and kept nothing of it.
    await until('the platform to give up on the cut-off body', () => uploadRequests() === 1);
    expect(emulator.uploads).toHaveLength(0);

    // 3. Sent whole this time; killed after the platform answered, before the queue knows.
    const third = runCourier(config, dataDir, 'upload-answered');
    await crashed(third, 'upload-answered');
    kills += 1;
    expect(readQueue(dataDir).integrity).toBe('ok');
    expect(uploading().map((r) => r.fileName)).toEqual([victim?.name]);
    expect(uploadsOf(victim?.sha256 ?? '')).toHaveLength(1);

    // 4. Without the hook: the platform is asked about the uncertain one (it has it), the rest are sent.
    const fourth = runCourier(config, dataDir);
    await until('every recording to be delivered', () => emulator.uploads.length >= 5, fourth);

    // A second `run` on the same data folder is refused in plain words while the first works on.
    const intruder = runCourier(config, dataDir);
    const refused = await intruder.ended();
    expect(refused.code).toBe(2);
    expect(intruder.output()).toContain(
      `another Call Courier (process ${fourth.child.pid}) is already running with the data folder ${dataDir}: stop it first, or give this one its own --data-dir`,
    );
    const late = await writeRecording(folder, 5, 2);
    recordings.push(late);
    await until(
      'the first instance to deliver a recording written after the refusal',
      () => uploadsOf(late.sha256).length === 1,
      fourth,
    );
    await until(
      'every row to be uploaded',
      () => rowsNow(dataDir).filter((r) => r.status === 'uploaded').length === 6,
      fourth,
    );
    expect(fourth.child.exitCode).toBeNull();
    expect(await stopCourier(fourth)).toBe(0);

    const final = readQueue(dataDir);
    expect(final.integrity).toBe('ok');
    expect(final.rows.map((r) => [r.fileName, r.status]).sort()).toEqual(
      recordings.map((r) => [r.name, 'uploaded']).sort(),
    );
    // Each recording exactly once at the platform, whole; nothing taken from the folder.
    for (const recording of recordings) {
      expect(uploadsOf(recording.sha256).map((u) => u.fileName)).toEqual([recording.name]);
    }
    expect(emulator.uploads).toHaveLength(recordings.length);
    expect(await namesIn(folder)).toEqual(recordings.map((r) => r.name).sort());
    files += recordings.length;
  }, 120_000);
});
