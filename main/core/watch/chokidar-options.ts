import type { ChokidarOptions } from 'chokidar';
import type { WatchFolder } from '../settings/schema.ts';
import { ignoredBelow } from './ignore-rules.ts';

/**
 * How chokidar watches one folder: only change events (the watcher scans by itself), the
 * ignore rules, only the top level when not recursive, and polling for network shares.
 */
export function chokidarOptions(
  root: string,
  folder: WatchFolder,
  pollIntervalMs: number,
): ChokidarOptions {
  return {
    ignored: ignoredBelow(root),
    ignoreInitial: true,
    ...(folder.recursive ? {} : { depth: 0 }),
    ...(folder.usePolling
      ? {
          backend: 'polling',
          pollingInterval: pollIntervalMs,
          pollingBinaryInterval: pollIntervalMs,
        }
      : {}),
  };
}
