import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** One look at a process: resident memory now and CPU time used since it started. */
export interface ProcessSample {
  readonly rssBytes: number;
  /** User + system CPU seconds (utime + stime). */
  readonly cpuSeconds: number;
  /** The kernel's own high-water mark of resident memory (VmHWM). */
  readonly peakRssBytes: number;
}

let ticksPerSecond: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat's times (getconf CLK_TCK; 100 on Linux). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const answer = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    ticksPerSecond = Number.isFinite(answer) && answer > 0 ? answer : 100;
  }
  return ticksPerSecond;
}

/** Reads /proc/<pid>/status (VmRSS, VmHWM) and /proc/<pid>/stat (utime + stime). Linux only. */
export async function sampleProcess(pid: number): Promise<ProcessSample> {
  const [status, stat] = await Promise.all([
    readFile(`/proc/${pid}/status`, 'utf8'),
    readFile(`/proc/${pid}/stat`, 'utf8'),
  ]);
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return {
    rssBytes: kib('VmRSS') * 1024,
    peakRssBytes: kib('VmHWM') * 1024,
    cpuSeconds: (utime + stime) / clockTicks(),
  };
}

/** Watches a process's resident memory; `stop()` answers the peak seen, in bytes (VmHWM included). */
export function trackPeakRss(pid: number, everyMs = 50): { stop(): Promise<number> } {
  let peak = 0;
  const look = async () => {
    const sample = await sampleProcess(pid).catch(() => null);
    if (sample) peak = Math.max(peak, sample.rssBytes, sample.peakRssBytes);
  };
  void look();
  const timer = setInterval(() => void look(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await look();
      return peak;
    },
  };
}
