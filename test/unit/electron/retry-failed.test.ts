import { describe, expect, it } from 'vitest';
import { readStoredSettings } from '../../../main/electron/core/stored-settings.ts';
import { retryAllFailed } from '../../../main/electron/tray/retry-failed.ts';
import { InMemoryCourier, recording } from '../core/server/in-memory-courier.ts';

describe('Retry failed from the tray', () => {
  it('retries every failed recording, across pages, and reports the ones that still cannot go', async () => {
    const failed = Array.from({ length: 620 }, (_, i) =>
      recording(i + 1, { status: 'failed', error: 'the platform was down' }),
    );
    const courier = new InMemoryCourier([...failed, recording(9999, { status: 'uploaded' })]);
    const retry = courier.retry.bind(courier);
    courier.retry = async (id) => {
      if (id === 7) throw new Error('call-7.wav still cannot go to et: mono file');
      return retry(id);
    };
    const outcome = await retryAllFailed(courier);
    expect(outcome.retried).toBe(619);
    expect(outcome.refused).toEqual([
      { fileName: recording(7).fileName, message: 'call-7.wav still cannot go to et: mono file' },
    ]);
    const left = await courier.listRecordings({ status: 'failed' });
    expect(left.items.map((i) => i.id)).toEqual([7]);
  });
});

describe('stored settings', () => {
  it('valid settings run as stored', () => {
    const stored = readStoredSettings({});
    expect(stored.problems).toEqual([]);
    expect(stored.settings.watch).toEqual([]);
  });

  it('settings with problems are kept as they are, and nothing is watched meanwhile', () => {
    const raw = { watch: [{ path: '/rec', destinations: ['nowhere'] }] };
    const stored = readStoredSettings(raw);
    expect(stored.raw).toBe(raw);
    expect(stored.settings.watch).toEqual([]);
    expect(stored.problems.length).toBeGreaterThan(0);
  });
});
