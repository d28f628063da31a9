import { describe, expect, it } from 'vitest';
import {
  MAX_RETRY_AFTER_MS,
  MAX_RETRY_DELAY_MS,
  offlineProbeDelayMs,
  retryDelayMs,
} from '../../../../main/core/delivery/retry-policy.ts';

describe('the retry policy', () => {
  it('waits what the platform asked for in Retry-After', () => {
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect(retryDelayMs(7, 0)).toBe(0);
  });

  it('waits an hour when the platform asks for one, but never more than 6 hours', () => {
    expect(retryDelayMs(1, 3_600_000)).toBe(3_600_000);
    expect(retryDelayMs(1, 7 * 24 * 3_600_000)).toBe(MAX_RETRY_AFTER_MS);
  });

  it('never backs off more than 15 minutes on its own', () => {
    expect(retryDelayMs(40, undefined, () => 1)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('backs off exponentially with full jitter', () => {
    expect(retryDelayMs(1, undefined, () => 1)).toBe(5_000);
    expect(retryDelayMs(2, undefined, () => 1)).toBe(10_000);
    expect(retryDelayMs(4, undefined, () => 1)).toBe(40_000);
    expect(retryDelayMs(4, undefined, () => 0.5)).toBe(20_000);
    expect(retryDelayMs(4, undefined, () => 0)).toBe(0);
  });

  it('probes an offline destination less and less often, up to every 5 minutes', () => {
    expect(offlineProbeDelayMs(5)).toBe(30_000);
    expect(offlineProbeDelayMs(6)).toBe(60_000);
    expect(offlineProbeDelayMs(50)).toBe(300_000);
  });
});
