/**
 * Idle cost: 20 000 recordings already delivered in a watched tree (20 day folders of 1 000;
 * queue.sqlite says each was delivered, with its size and time). Call Courier is started,
 * left to finish its start-up, then watched for 60 s in which nothing happens: the CPU it
 * uses (from /proc/<pid>/stat, as a share of one core) and its resident memory (VmRSS, end of
 * the minute and the highest seen in it). The folder is watched by events (usePolling false,
 * the default): the number of inotify watches the process holds is reported, one per folder,
 * to show that the OS tells it of changes instead of it polling files. When strace is
 * installed, a further 10 s of idle are traced to count the file-status calls it makes.
 *
 * Baseline: the script offices run for the same job, `inotifywait -m -r -e close_write` on the
 * tree piped into a bash loop that would curl each file: its CPU and memory (inotifywait and
 * bash together) over the same minute.
 *
 * Target: Call Courier under 1% of one core and 100 MiB resident while idle.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEnderTuringEmulator } from '../../test/emulators/enderturing/enderturing-emulator.ts';
import { buildHistory } from '../lib/b2-history.ts';
import { inotifyWatches, sampleIdle, whenQuiet, type IdleSample } from '../lib/b2-process-watch.ts';
import { ET_ENV, ET_PROFILE, enderTuringSettings } from '../lib/enderturing-setup.ts';
import { MIB } from '../lib/recordings.ts';
import { startServiceProcess } from '../lib/service-process.ts';
import { startScript } from '../lib/shell-script.ts';
import { round } from '../lib/statistics.ts';
import { hasTool, missingToolsNote } from '../lib/system-tools.ts';
import { pause } from '../lib/wait-until.ts';
import type { BenchContext, Measurement, Scenario, ScenarioResult } from '../scenario.ts';

const CPU_TARGET_PERCENT = 1;
const RSS_TARGET_MIB = 100;

export const scenario: Scenario = {
  id: 'idle-cost',
  title: 'Idle cost with 20 000 delivered recordings',
  async run(context: BenchContext): Promise<ScenarioResult> {
    const count = context.smoke ? 200 : 20_000;
    const idleMs = context.smoke ? 3000 : 60_000;
    const root = join(context.workDir, 'recordings');
    const dataDir = join(context.workDir, 'courier-data');
    context.log(`writing ${count} recordings and a queue in which each was delivered`);
    await buildHistory({ root, dataDir, count, destination: ET_PROFILE });

    context.log(`Call Courier, ${idleMs / 1000} s idle`);
    const courier = await runCourier(context, root, dataDir, idleMs);
    const rssMiB = courier.idle.rssBytes / MIB;
    const measurements: Measurement[] = [
      { name: 'Call Courier idle CPU', value: round(courier.idle.cpuPercent), unit: '% of a core' },
      { name: 'Call Courier idle RSS', value: round(rssMiB), unit: 'MiB' },
      {
        name: 'Call Courier highest RSS while idle',
        value: round(courier.idle.peakRssBytes / MIB),
        unit: 'MiB',
      },
      { name: 'Call Courier inotify watches', value: courier.watches, unit: 'watches' },
    ];
    if (courier.statCalls !== undefined) {
      measurements.push({
        name: 'Call Courier file-status calls in 10 s idle',
        value: courier.statCalls,
        unit: 'calls',
      });
    }
    const notes = [
      `${count} delivered recordings in ${Math.ceil(count / 1000)} folders, watched by events (usePolling false). Measured over ${idleMs / 1000} s after the start-up had finished (the process under 5% of a core for 0.5 s).`,
      'CPU from /proc/<pid>/stat (utime + stime) over the minute; RSS is VmRSS, which counts the pages of the Node binary the process has touched (about 60 MiB of it).',
    ];
    if (hasTool('inotifywait')) {
      const script = await runInotifyScript(context, root, idleMs);
      measurements.push(
        {
          name: 'inotifywait script idle CPU',
          value: round(script.cpuPercent),
          unit: '% of a core',
        },
        { name: 'inotifywait script idle RSS', value: round(script.rssBytes / MIB), unit: 'MiB' },
      );
      notes.push(
        'Baseline: `inotifywait -m -r -e close_write --format %w%f DIR | while read f; do curl …; done` (bash and inotifywait together, over the same length of idle).',
      );
    } else {
      notes.push(missingToolsNote(['inotifywait'], 'the inotifywait script'));
    }
    const met = courier.idle.cpuPercent <= CPU_TARGET_PERCENT && rssMiB <= RSS_TARGET_MIB;
    return {
      measurements,
      target: {
        description: `idle CPU ≤ ${CPU_TARGET_PERCENT}% of one core and RSS ≤ ${RSS_TARGET_MIB} MiB, watched by events`,
        met: context.smoke ? null : met && courier.watches > 0,
      },
      notes,
    };
  },
};

async function runCourier(
  context: BenchContext,
  root: string,
  dataDir: string,
  idleMs: number,
): Promise<{ idle: IdleSample; watches: number; statCalls?: number }> {
  const emulator = await startEnderTuringEmulator();
  try {
    const service = await startServiceProcess({
      config: enderTuringSettings({ watchDir: root, emulatorUrl: emulator.url }),
      dataDir,
      env: ET_ENV,
      readyTimeoutMs: 120_000,
    });
    try {
      await whenQuiet(service.pid, { timeoutMs: 120_000 });
      const idle = await sampleIdle(service.pid, idleMs);
      const watches = await inotifyWatches(service.pid);
      if (emulator.uploads.length > 0) {
        throw new Error(`the service sent ${emulator.uploads.length} delivered recordings again`);
      }
      const statCalls =
        !context.smoke && hasStrace() ? await countStatCalls(service.pid, 10_000) : undefined;
      return { idle, watches, ...(statCalls === undefined ? {} : { statCalls }) };
    } finally {
      await service.stop();
    }
  } finally {
    await emulator.close();
  }
}

/** The bash + inotifywait script, idle over the same stretch: CPU and memory of both. */
async function runInotifyScript(
  context: BenchContext,
  root: string,
  idleMs: number,
): Promise<{ cpuPercent: number; rssBytes: number }> {
  context.log('inotifywait script');
  const script = await startScript(
    `inotifywait -m -r -q -e close_write --format '%w%f' "$DIR" | while read -r f; do curl -sS -o /dev/null -F "file=@$f" "$ET_URL" || true; done`,
    {
      env: { DIR: root, ET_URL: 'http://127.0.0.1:9/' },
      logFile: join(context.workDir, 'inotify.log'),
    },
  );
  try {
    // inotifywait sets up a watch per folder before it prints "Watches established".
    await pause(context.smoke ? 500 : 3000);
    const pids = await processGroup(script.pid);
    const samples = await Promise.all(pids.map((pid) => sampleIdle(pid, idleMs)));
    return {
      cpuPercent: samples.reduce((sum, s) => sum + s.cpuPercent, 0),
      rssBytes: samples.reduce((sum, s) => sum + s.rssBytes, 0),
    };
  } finally {
    await script.stop();
  }
}

/** The processes of a process group (the script's bash, its subshell and inotifywait). */
async function processGroup(pgid: number): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid) pids.push(Number(entry));
  }
  return pids;
}

/** strace is not among the tools CI installs: the count is an extra where it is present. */
function hasStrace(): boolean {
  return spawnSync('sh', ['-c', 'command -v strace'], { stdio: 'ignore' }).status === 0;
}

/** Traces every thread of the process for `ms` and counts its stat-family system calls. */
async function countStatCalls(pid: number, ms: number): Promise<number> {
  const strace = spawn('strace', ['-f', '-c', '-q', '-e', 'trace=%stat', '-p', String(pid)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let report = '';
  strace.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
  const exited = new Promise<void>((resolve) => strace.once('exit', () => resolve()));
  await pause(ms);
  strace.kill('SIGINT');
  await exited;
  // The summary table: "% time  seconds  usecs/call  calls  errors  syscall".
  let calls = 0;
  for (const line of report.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const name = fields.at(-1) ?? '';
    if (/stat/.test(name) && name !== 'total' && fields.length >= 5)
      calls += Number(fields[3]) || 0;
  }
  return calls;
}
