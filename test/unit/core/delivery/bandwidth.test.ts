import { describe, expect, it } from 'vitest';
import { BandwidthLimiter } from '../../../../main/core/delivery/bandwidth.ts';

describe('the bandwidth limiter', () => {
  it('lets everything through at once when unlimited', () => {
    const limiter = new BandwidthLimiter(null);
    expect(limiter.take(10_000_000)).toBe(0);
  });

  it('allows at most a one-second burst, then makes senders wait in proportion to what they send', () => {
    let now = 0;
    const limiter = new BandwidthLimiter(1000, () => now);
    now = 60_000; // a long idle time still fills the bucket with one second only
    expect(limiter.take(1000)).toBe(0);
    expect(limiter.take(500)).toBe(500);
    now += 500;
    expect(limiter.take(500)).toBe(500);
  });

  it('shares one budget between uploads in flight', () => {
    const limiter = new BandwidthLimiter(1000, () => 0);
    expect(limiter.take(1000)).toBe(1000);
    expect(limiter.take(1000)).toBe(2000);
  });

  it('follows a new rate from the next chunk', () => {
    const limiter = new BandwidthLimiter(1000, () => 0);
    limiter.setRate(4000);
    expect(limiter.take(2000)).toBe(500);
    limiter.setRate(null);
    expect(limiter.take(1_000_000)).toBe(0);
  });

  it('lets a tenth of a second of its limit go at once (16 KiB at least), and anything without one', () => {
    const limiter = new BandwidthLimiter(null);
    expect(limiter.pieceBytes()).toBeNull();
    limiter.setRate(1_000_000);
    expect(limiter.pieceBytes()).toBe(100_000);
    limiter.setRate(50_000);
    expect(limiter.pieceBytes()).toBe(16 * 1024);
  });

  it('paces a piece at once without a limit, and after the wait the limit asks for with one', async () => {
    let now = 0;
    const limiter = new BandwidthLimiter(null, () => now);
    await limiter.pace(1_000_000);
    limiter.setRate(1000);
    now = 1000;
    let done = false;
    const paced = limiter.pace(1500).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(done).toBe(false);
    await paced;
    expect(done).toBe(true);
  });
});
