import { describe, expect, it } from 'vitest';
import { RateMeter } from '../../../../main/core/service/rate-meter.ts';

/** A meter on a clock the test moves. */
function meterAt(start = 1_000_000) {
  const clock = { now: start };
  return { clock, meter: new RateMeter(5_000, () => clock.now) };
}

describe('the upload rate meter', () => {
  it('averages the bytes of the last five seconds', () => {
    const { clock, meter } = meterAt();
    meter.add(1_000_000);
    clock.now += 1_000;
    meter.add(1_500_000);
    clock.now += 1_000;
    expect(meter.bytesPerSecond()).toBe(500_000);
  });

  it('forgets bytes once they are older than the window, to a tenth of a second', () => {
    const { clock, meter } = meterAt();
    meter.add(5_000);
    clock.now += 2_000;
    meter.add(10_000);
    clock.now += 2_900;
    expect(meter.bytesPerSecond()).toBe(3_000);
    clock.now += 200;
    expect(meter.bytesPerSecond()).toBe(2_000);
    clock.now += 2_000;
    expect(meter.bytesPerSecond()).toBe(0);
  });

  it('is empty after a long quiet spell, and counts again after it', () => {
    const { clock, meter } = meterAt();
    meter.add(1_000);
    clock.now += 3_600_000;
    expect(meter.bytesPerSecond()).toBe(0);
    meter.add(10_000);
    expect(meter.bytesPerSecond()).toBe(2_000);
  });

  it('counts every one of many small reports in the same instant', () => {
    const { meter } = meterAt();
    for (let i = 0; i < 100_000; i += 1) meter.add(64 * 1024);
    expect(meter.bytesPerSecond()).toBe(Math.round((100_000 * 64 * 1024) / 5));
  });

  it('ignores reports of nothing, and a clock that steps back adds to the newest bucket', () => {
    const { clock, meter } = meterAt();
    meter.add(0);
    meter.add(-5);
    clock.now -= 10_000;
    meter.add(5_000);
    expect(meter.bytesPerSecond()).toBe(1_000);
  });
});
