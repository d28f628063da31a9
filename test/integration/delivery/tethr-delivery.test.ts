import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourierService } from '../../../main/core/service.ts';
import { startTethrEmulator, type TethrEmulator } from '../../emulators/tethr/tethr-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { waitForStatus } from './service-fixture.ts';
import { startTethrService } from './tethr-service.ts';

/**
 * The service around a platform that reports processing and watches its uploaders:
 * delivered calls are followed to `processed`, heartbeats say how the uploader is, and
 * agents Tethr does not want recorded are skipped with Tethr's reason.
 */
describe('delivering to Tethr through the service', () => {
  let emulator: TethrEmulator;
  let service: CourierService;
  let folder: string;

  beforeAll(async () => {
    emulator = await startTethrEmulator();
    emulator.setRecordingSettings([
      { refType: 'Agent', source: 'pbx', lookupId: '1001', recordingSetting: 'None' },
      { refType: 'Agent', source: 'pbx', lookupId: '1002', recordingSetting: 'Disabled' },
    ]);
    ({ service, folder } = await startTethrService('tethr-service', emulator.url, {
      useRecordingSettings: true,
    }));
  });
  afterAll(async () => {
    await service?.stop();
    await emulator?.close();
  });

  it('delivers a wanted agent, skips one Tethr has disabled, and follows processing to processed', async () => {
    await writeWav(join(folder, '20240131-205900_1001_IN.wav'), { channels: 2, seconds: 1 });
    await writeWav(join(folder, '20240131-210500_1002_OUT.wav'), { channels: 2, seconds: 2 });
    await waitForStatus(service, (s) => s.counts.uploaded === 1 && s.counts.skipped === 1);
    const [skipped] = (await service.listRecordings({ status: 'skipped' })).items;
    expect(skipped?.fileName).toBe('20240131-210500_1002_OUT.wav');
    expect(skipped?.errorCode).toBe('declined');
    expect(skipped?.error).toMatch(/1002/);
    expect(emulator.calls.map((c) => c.fileName)).toEqual(['20240131-205900_1001_IN.wav']);

    await service.pollProcessing();
    expect((await service.status()).counts.processed).toBe(0);
    const [call] = emulator.calls;
    emulator.completeProcessing(call?.sessionId ?? '');
    await service.pollProcessing();
    const [processed] = (await service.listRecordings({ status: 'processed' })).items;
    expect(processed?.fileName).toBe('20240131-205900_1001_IN.wav');
    expect(processed?.remoteId).toBe(call?.sessionId);
  });

  it('heartbeats say healthy, then paused while a person pauses delivery', async () => {
    const before = emulator.heartbeats.length;
    await service.sendHeartbeats();
    await service.pause();
    await service.sendHeartbeats();
    await service.resume();
    expect(emulator.heartbeats.slice(before).map((h) => h.Status)).toEqual([1, 30]);
  });

  it('stops sending heartbeats to a Tethr that does not take them', async () => {
    emulator.setHeartbeatsSupported(false);
    await service.sendHeartbeats();
    const asked = emulator.requests.filter((r) => r.path.includes('monitor')).length;
    await service.sendHeartbeats();
    expect(emulator.requests.filter((r) => r.path.includes('monitor')).length).toBe(asked);
  });
});
