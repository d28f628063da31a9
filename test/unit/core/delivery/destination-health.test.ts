import { describe, expect, it } from 'vitest';
import { DestinationHealth } from '../../../../main/core/delivery/destination-health.ts';
import { OFFLINE_AFTER_FAILURES } from '../../../../main/core/delivery/retry-policy.ts';

function failTimes(health: DestinationHealth, times: number, now = 0) {
  for (let i = 0; i < times; i += 1)
    health.failedTransiently('et', 'Ender Turing did not answer', now);
}

describe('destination health', () => {
  it('keeps sending through a few transient failures', () => {
    const health = new DestinationHealth();
    failTimes(health, OFFLINE_AFTER_FAILURES - 1);
    expect(health.state('et').kind).toBe('active');
    expect(health.canSend('et', 0)).toBe(true);
  });

  it('goes offline after repeated transient failures and is then probed, one attempt at a time', () => {
    const health = new DestinationHealth();
    failTimes(health, OFFLINE_AFTER_FAILURES, 1_000);
    const state = health.state('et');
    expect(state).toMatchObject({
      kind: 'offline',
      message: 'Ender Turing did not answer',
      since: 1_000,
    });
    expect(health.canSend('et', 1_000)).toBe(false);
    const probeAt = health.nextProbeAt() ?? 0;
    expect(probeAt).toBeGreaterThan(1_000);
    expect(health.canSend('et', probeAt)).toBe(true);
    health.started('et');
    expect(health.canSend('et', probeAt)).toBe(false);
  });

  it('comes back when a probe succeeds', () => {
    const health = new DestinationHealth();
    failTimes(health, OFFLINE_AFTER_FAILURES);
    health.succeeded('et');
    expect(health.state('et')).toEqual({ kind: 'active' });
    failTimes(health, OFFLINE_AFTER_FAILURES - 1);
    expect(health.state('et').kind).toBe('active');
  });

  it('stays paused for a person whatever else happens, until resumed', () => {
    const health = new DestinationHealth();
    const changes: string[] = [];
    health.onDidChange((destination, state) => changes.push(`${destination}:${state.kind}`));
    health.pause('et', 'Ender Turing refused the username or password');
    failTimes(health, OFFLINE_AFTER_FAILURES * 2);
    expect(health.state('et')).toEqual({
      kind: 'paused',
      message: 'Ender Turing refused the username or password',
    });
    expect(health.canSend('et', Number.MAX_SAFE_INTEGER)).toBe(false);
    health.resume('et');
    expect(health.canSend('et', 0)).toBe(true);
    expect(changes).toEqual(['et:paused', 'et:active']);
  });

  it('keeps destinations apart', () => {
    const health = new DestinationHealth();
    health.pause('et', 'refused');
    expect(health.canSend('tethr', 0)).toBe(true);
  });
});
