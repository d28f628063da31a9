import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import { startRig, waitForStatus, type DeliveryRig } from './service-fixture.ts';

let rig: DeliveryRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

describe('delivery against a faulty Ender Turing', () => {
  it('delivers every recording exactly once through 503s, 429s, lost answers and expiring tokens, failing none', async () => {
    rig = await startRig('faults', {
      faults: {
        unavailable: { probability: 0.15, status: 503, retryAfterSeconds: 1 },
        tooManyRequests: { probability: 0.05, retryAfterSeconds: 1 },
        dropAfterStore: { probability: 0.05, endpoints: ['upload'] },
        tokenLifetimeSeconds: 2,
      },
      // The same dice every run: which requests fail still varies with timing, but a run of
      // bad luck long enough to take the destination offline for minutes does not.
      random: seededRandom(20261121),
    });
    const count = 30;
    for (let i = 0; i < count; i += 1) {
      const minute = String(i).padStart(2, '0');
      // Distinct content per call: the tone's length differs.
      await writeWav(join(rig.folder, `20240401_15${minute}_Agent${i}_1000${i}_IN_0.wav`), {
        channels: 2,
        seconds: 1 + i / 100,
      });
    }
    const status = await waitForStatus(rig.service, (s) => s.counts.uploaded === count, 150_000);
    expect(status.counts.failed).toBe(0);
    const uploads = rig.emulator.uploads;
    expect(new Set(uploads.map((u) => u.sha256)).size).toBe(count);
    expect(uploads).toHaveLength(count); // none twice
    // The faults really happened: some attempts were answered with errors or not at all.
    const troubled = rig.emulator.requests.filter(
      (r) => r.status === 'dropped' || r.status === 503 || r.status === 429,
    );
    expect(troubled.length).toBeGreaterThan(0);
  }, 180_000);
});

/** mulberry32: a small seeded generator, so that fault rates are met without luck deciding the run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
