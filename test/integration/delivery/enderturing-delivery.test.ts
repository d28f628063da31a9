import { createHash } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wavBytes, writeWav } from '../../fixtures/audio.ts';
import { startRig, waitForStatus, type DeliveryRig } from './service-fixture.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('delivery to Ender Turing through the service', () => {
  it('uploads a file written slowly over several seconds once, after it is complete, with its exact bytes and name', async () => {
    rig = await startRig('slow');
    const name = '20240401_1520_Agent99_12345678_IN_0.wav';
    const bytes = wavBytes({ channels: 2, sampleRate: 8000, seconds: 3 });
    const path = join(rig.folder, name);
    // The recorder writes the file in pieces over about 3 seconds.
    const pieces = 8;
    const size = Math.ceil(bytes.length / pieces);
    for (let i = 0; i < pieces; i += 1) {
      await appendFile(path, bytes.subarray(i * size, (i + 1) * size));
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    expect(rig.emulator.uploads).toHaveLength(1);
    expect(rig.emulator.uploads[0]).toMatchObject({
      fileName: name,
      contentType: 'audio/wav',
      bytes: bytes.length,
      sha256: sha256(bytes),
      language: 'en',
    });
    const [item] = (await rig.service.listRecordings({})).items;
    expect(item).toMatchObject({
      status: 'uploaded',
      remoteId: rig.emulator.uploads[0]?.sessionId,
      attempts: 1,
    });
  });

  it('fails each bad file with a plain reason while the good one goes through', async () => {
    rig = await startRig('bad');
    const { folder } = rig;
    await writeFile(join(folder, '20240401_1521_A1_100_IN_0.wav'), '');
    await writeFile(
      join(folder, '20240401_1522_A1_101_IN_0.wav'),
      wavBytes({ channels: 2, seconds: 1 }).subarray(0, 20),
    );
    await writeFile(join(folder, '20240401_1523_A1_102_IN_0.wav'), 'minutes of the meeting\n');
    await writeWav(join(folder, '20240401_1524_A1_103_IN_0.wav'), { channels: 1, seconds: 1 });
    await writeWav(join(folder, '20240401_1525_A1_104_IN_0.wav'), { channels: 2, seconds: 1 });
    const status = await waitForStatus(
      rig.service,
      (s) => s.counts.failed === 4 && s.counts.uploaded === 1,
    );
    expect(status.state).toBe('running');
    const failed = (await rig.service.listRecordings({ status: 'failed' })).items;
    const reasons = Object.fromEntries(
      failed.map((i) => [i.fileName.slice(17, 20), [i.errorCode, i.error]]),
    );
    expect(reasons['100']).toEqual(['empty', expect.stringMatching(/^the file is empty/)]);
    expect(reasons['101']).toEqual(['corrupt', expect.stringContaining('header is cut off')]);
    expect(reasons['102']).toEqual(['not-audio', expect.stringContaining('not audio')]);
    expect(reasons['103']).toEqual([
      'mono',
      expect.stringMatching(/^mono file: Ender Turing needs stereo/),
    ]);
    expect(rig.emulator.uploads.map((u) => u.fileName)).toEqual(['20240401_1525_A1_104_IN_0.wav']);
  });

  it('pauses the destination on a wrong password, and resumes without a restart once the secret is fixed through the API', async () => {
    rig = await startRig('auth', { password: 'wrong password' });
    await writeWav(join(rig.folder, '20240401_1530_Agent99_12345678_OUT_1.wav'), {
      channels: 2,
      seconds: 1,
    });
    const paused = await waitForStatus(rig.service, (s) => s.profiles[0]?.state === 'paused');
    expect(paused.profiles[0]?.message).toBe('Ender Turing refused the username or password');
    expect(paused.counts.failed).toBe(0);
    expect(rig.emulator.uploads).toHaveLength(0);

    await rig.service.setSecret('et', 'password', 'correct horse battery staple');
    const delivered = await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    expect(delivered.profiles[0]?.state).toBe('active');
    expect(rig.emulator.uploads).toHaveLength(1);
    expect(await rig.secrets.get('et', 'password')).toBe('correct horse battery staple');
  });

  it('does not send the same recording twice when it is copied in under another name', async () => {
    rig = await startRig('dup');
    const bytes = wavBytes({ channels: 2, seconds: 1 });
    await writeFile(join(rig.folder, '20240401_1540_A1_200_IN_0.wav'), bytes);
    await waitForStatus(rig.service, (s) => s.counts.uploaded === 1);
    await writeFile(
      join(rig.folder, '20240401_1540_A1_200_IN_0 (copy).wav'),
      await readFile(join(rig.folder, '20240401_1540_A1_200_IN_0.wav')),
    );
    const status = await waitForStatus(rig.service, (s) => s.counts.skipped === 1);
    expect(status.counts.uploaded).toBe(1);
    const [skipped] = (await rig.service.listRecordings({ status: 'skipped' })).items;
    expect(skipped?.error).toContain('20240401_1540_A1_200_IN_0.wav');
    expect(rig.emulator.uploads).toHaveLength(1);
  });
});
