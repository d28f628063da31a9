import { readdir, readFile, readlink } from 'node:fs/promises';
import { sampleProcess } from './process-stats.ts';
import { pause } from './wait-until.ts';

/** How often the quiet check looks at the process. */
const LOOK_EVERY_MS = 100;

/**
 * Waits until the process has used less than `percent` of one core over `windowMs`: its
 * start-up work (scan, intake) is over. Answers performance.now() at the start of that quiet
 * window. Looks only at /proc, so the process is not disturbed. Rejects after `timeoutMs`.
 */
export async function whenQuiet(
  pid: number,
  options: { readonly percent?: number; readonly windowMs?: number; readonly timeoutMs: number },
): Promise<number> {
  const percent = options.percent ?? 5;
  const windowMs = options.windowMs ?? 500;
  const until = performance.now() + options.timeoutMs;
  const looks: { at: number; cpuSeconds: number }[] = [];
  for (;;) {
    const at = performance.now();
    looks.push({ at, cpuSeconds: (await sampleProcess(pid)).cpuSeconds });
    // The newest look at least a window old: CPU used since then, over the time since then.
    const first = looks.findLast((look) => at - look.at >= windowMs);
    if (first) {
      const busy = ((looks.at(-1)?.cpuSeconds ?? 0) - first.cpuSeconds) / ((at - first.at) / 1000);
      if (busy * 100 < percent) return first.at;
    }
    if (at > until) throw new Error(`the process was still busy after ${options.timeoutMs} ms`);
    while (looks.length > 0 && at - (looks[0]?.at ?? at) > windowMs * 2) looks.shift();
    await pause(LOOK_EVERY_MS);
  }
}

/** CPU and memory of a process over a stretch of time. */
export interface IdleSample {
  /** CPU used over the stretch, as a percentage of one core. */
  readonly cpuPercent: number;
  /** Resident memory at the end, and the highest seen during the stretch (bytes). */
  readonly rssBytes: number;
  readonly peakRssBytes: number;
}

/** Watches a process for `ms` without touching it (only /proc): its CPU share and memory. */
export async function sampleIdle(pid: number, ms: number): Promise<IdleSample> {
  const start = await sampleProcess(pid);
  const began = performance.now();
  let peak = start.rssBytes;
  while (performance.now() - began < ms) {
    await pause(Math.min(1000, ms / 10));
    peak = Math.max(peak, (await sampleProcess(pid)).rssBytes);
  }
  const end = await sampleProcess(pid);
  const seconds = (performance.now() - began) / 1000;
  return {
    cpuPercent: ((end.cpuSeconds - start.cpuSeconds) / seconds) * 100,
    rssBytes: end.rssBytes,
    peakRssBytes: Math.max(peak, end.rssBytes),
  };
}

/** How many inotify watches the process holds (Linux): one per folder watched by events. */
export async function inotifyWatches(pid: number): Promise<number> {
  let watches = 0;
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    if (target !== 'anon_inode:inotify') continue;
    const info = await readFile(`/proc/${pid}/fdinfo/${fd}`, 'utf8').catch(() => '');
    watches += info.split('\n').filter((line) => line.startsWith('inotify wd:')).length;
  }
  return watches;
}
