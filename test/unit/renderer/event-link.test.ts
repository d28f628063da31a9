import { describe, expect, it } from 'vitest';
import type { CourierEvent } from '../../../preload/api.ts';
import {
  EventLink,
  parseEvent,
  type EventSourceLike,
  type LinkState,
} from '../../../renderer/src/client/event-link.ts';
import { reconnectDelay } from '../../../renderer/src/client/reconnect-policy.ts';

/** A stand-in for the browser's EventSource that the test opens, feeds and breaks. */
class FakeSource implements EventSourceLike {
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  closed = false;
  readonly #listeners = new Map<string, ((event: { data: unknown }) => void)[]>();

  addEventListener(type: string, listener: (event: { data: unknown }) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  send(type: string, data: string): void {
    for (const listener of this.#listeners.get(type) ?? []) listener({ data });
  }
}

/** Timers the test runs by hand, recording the waits asked for. */
function manualTimers() {
  const pending: { run: () => void; ms: number }[] = [];
  return {
    pending,
    timers: {
      set: (run: () => void, ms: number) => {
        const timer = { run, ms };
        pending.push(timer);
        return timer;
      },
      clear: (handle: unknown) => {
        const index = pending.indexOf(handle as (typeof pending)[number]);
        if (index >= 0) pending.splice(index, 1);
      },
    },
    fire() {
      const timer = pending.shift();
      if (!timer) throw new Error('no reconnection is waiting');
      timer.run();
      return timer.ms;
    },
  };
}

function setUp(accessRefused: () => Promise<boolean> = async () => false) {
  const sources: FakeSource[] = [];
  const clock = manualTimers();
  const link = new EventLink({
    open: () => {
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
    accessRefused,
    timers: clock.timers,
    random: () => 0,
  });
  const states: LinkState[] = [];
  link.onState((state) => states.push(state));
  return { link, sources, clock, states };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const statusEvent = (state: 'running' | 'paused'): CourierEvent => ({
  type: 'status',
  status: {
    state,
    counts: {
      queued: 0,
      uploading: 0,
      retrying: 0,
      uploaded: 0,
      processed: 0,
      failed: 0,
      skipped: 0,
    },
    bytesPerSecond: 0,
    nextBandwidthChange: null,
    profiles: [],
  },
});

describe('the live event link', () => {
  it('opens one stream for all subscribers and hands each the events', () => {
    const { link, sources } = setUp();
    const a: CourierEvent[] = [];
    const b: CourierEvent[] = [];
    link.subscribe((e) => a.push(e));
    link.subscribe((e) => b.push(e));
    expect(sources).toHaveLength(1);
    sources[0]?.send('status', JSON.stringify(statusEvent('paused')));
    expect(a).toEqual([statusEvent('paused')]);
    expect(b).toEqual([statusEvent('paused')]);
  });

  it('closes the stream when the last subscriber leaves', () => {
    const { link, sources } = setUp();
    const leaveA = link.subscribe(() => {});
    const leaveB = link.subscribe(() => {});
    leaveA();
    expect(sources[0]?.closed).toBe(false);
    leaveB();
    expect(sources[0]?.closed).toBe(true);
  });

  it('says the connection is lost, reconnects after a growing wait, and says when it is back', async () => {
    const { link, sources, clock, states } = setUp();
    link.subscribe(() => {});
    sources[0]?.onopen?.({});
    expect(link.state).toBe('connected');

    sources[0]?.onerror?.({});
    await settle();
    expect(link.state).toBe('lost');
    expect(sources[0]?.closed).toBe(true);
    expect(clock.fire()).toBe(1_000);
    expect(sources).toHaveLength(2);

    sources[1]?.onerror?.({});
    await settle();
    expect(clock.fire()).toBe(2_000);
    sources[2]?.onopen?.({});
    expect(states).toEqual(['connected', 'lost', 'connected']);

    // Back to the shortest wait after a success.
    sources[2]?.onerror?.({});
    await settle();
    expect(clock.fire()).toBe(1_000);
  });

  it('stops retrying and says so when the service refuses the access key', async () => {
    const { link, sources, clock } = setUp(async () => true);
    link.subscribe(() => {});
    sources[0]?.onerror?.({});
    await settle();
    expect(link.state).toBe('refused');
    expect(clock.pending).toHaveLength(0);
  });

  it('does not reconnect after the last subscriber left during a loss', async () => {
    const { link, sources, clock } = setUp();
    const leave = link.subscribe(() => {});
    sources[0]?.onerror?.({});
    leave();
    await settle();
    expect(clock.pending).toHaveLength(0);
    expect(sources).toHaveLength(1);
  });

  it('ignores what a replaced stream still delivers', async () => {
    const { link, sources, clock } = setUp();
    const seen: CourierEvent[] = [];
    link.subscribe((e) => seen.push(e));
    sources[0]?.onerror?.({});
    await settle();
    clock.fire();
    sources[0]?.send('status', JSON.stringify(statusEvent('paused')));
    expect(seen).toEqual([]);
  });
});

describe('reading a stream message', () => {
  it('accepts a CourierEvent of the type it was sent as', () => {
    expect(parseEvent('status', JSON.stringify(statusEvent('running')))).toEqual(
      statusEvent('running'),
    );
  });

  it('drops what is not JSON, not an object, or another type than announced', () => {
    expect(parseEvent('status', 'not json')).toBeNull();
    expect(parseEvent('status', '42')).toBeNull();
    expect(parseEvent('progress', JSON.stringify(statusEvent('running')))).toBeNull();
  });
});

describe('the reconnection wait', () => {
  it('doubles from one second up to half a minute', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 12].map((n) => reconnectDelay(n, undefined, () => 0));
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('is shortened by at most a fifth at random, so windows do not all return together', () => {
    expect(reconnectDelay(1, undefined, () => 1)).toBe(800);
    expect(reconnectDelay(6, undefined, () => 0.5)).toBe(27_000);
  });
});
