import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
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

  it('passes every byte through its throttle, in order', async () => {
    const limiter = new BandwidthLimiter(null);
    const chunks = [Buffer.from('agent '), Buffer.from('and '), Buffer.from('client')];
    const received: Buffer[] = [];
    await pipeline(
      Readable.from(chunks),
      limiter.throttle(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          received.push(chunk);
          done();
        },
      }),
    );
    expect(Buffer.concat(received).toString()).toBe('agent and client');
  });
});
