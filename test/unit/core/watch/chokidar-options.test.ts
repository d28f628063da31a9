import { describe, expect, it } from 'vitest';
import type { WatchFolder } from '../../../../main/core/settings/schema.ts';
import { chokidarOptions } from '../../../../main/core/watch/chokidar-options.ts';

const folder = (overrides: Partial<WatchFolder>): WatchFolder => ({
  path: '/calls',
  recursive: true,
  destinations: ['et'],
  timeZone: 'UTC',
  usePolling: false,
  ...overrides,
});

describe('how chokidar watches a folder', () => {
  it('a recursive folder on a local disk: native events at any depth, no initial events', () => {
    const options = chokidarOptions('/calls', folder({}), 2000);
    expect(options.depth).toBeUndefined();
    expect(options.backend).toBeUndefined();
    expect(options.ignoreInitial).toBe(true);
  });

  it('a folder that is not recursive: its own files only', () => {
    expect(chokidarOptions('/calls', folder({ recursive: false }), 2000).depth).toBe(0);
  });

  it('a network share: polled at the given interval, audio files included', () => {
    const options = chokidarOptions('/calls', folder({ usePolling: true }), 750);
    expect(options).toMatchObject({
      backend: 'polling',
      pollingInterval: 750,
      pollingBinaryInterval: 750,
    });
  });
});
