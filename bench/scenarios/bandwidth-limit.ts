/**
 * Bandwidth limit accuracy: with `upload.bandwidthLimit: "1MB/s"` (1 MB = 1,000,000 bytes in
 * Call Courier's settings) one large recording is sent to the Ender Turing emulator through a
 * loopback relay that counts the bytes on the wire. After a few seconds of warm-up the rate
 * over the next 30 s must be within ±10% of the limit. The baseline is `curl --limit-rate
 * 1000000` sending the same file through the same relay, measured the same way.
 */
import { utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { startEnderTuringEmulator } from '../../test/emulators/enderturing/enderturing-emulator.ts';
import { rateBetween, startCountingProxy, type CountingProxy } from '../lib/counting-proxy.ts';
import {
  CURL_LOGIN,
  curlEnv,
  curlUploadArgs,
  ET_ENV,
  enderTuringSettings,
} from '../lib/enderturing-setup.ts';
import { writeRecordings } from '../lib/recordings.ts';
import { startServiceProcess } from '../lib/service-process.ts';
import { startScript } from '../lib/shell-script.ts';
import { round } from '../lib/statistics.ts';
import { hasTool, missingToolsNote } from '../lib/system-tools.ts';
import { pause, whenCountReaches } from '../lib/wait-until.ts';
import type { BenchContext, Measurement, Scenario, ScenarioResult } from '../scenario.ts';

/** 1 MB/s as the settings read "1MB/s". */
const LIMIT_BYTES_PER_SECOND = 1_000_000;
const TOLERANCE = 0.1;

/** How the rate held over the measured window. */
interface RateFigures {
  /** Bytes per second over the whole window. */
  readonly average: number;
  /** The slowest and fastest whole second of the window. */
  readonly slowestSecond: number;
  readonly fastestSecond: number;
}

export const scenario: Scenario = {
  id: 'bandwidth-limit',
  title: 'Bandwidth limit accuracy (1 MB/s)',
  async run(context: BenchContext): Promise<ScenarioResult> {
    const windowSeconds = context.smoke ? 3 : 30;
    const warmupSeconds = context.smoke ? 0.5 : 3;
    // Enough for warm-up, the window and a margin, so the file is still being sent at the end.
    const fileBytes = LIMIT_BYTES_PER_SECOND * (warmupSeconds + windowSeconds + 5);
    const folder = join(context.workDir, 'recordings');
    const [path] = await writeRecordings(folder, 1, fileBytes);
    if (path === undefined) throw new Error('no recording was written');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(path, anHourAgo, anHourAgo);
    const window = { warmupSeconds, windowSeconds };

    const notes = [
      `One ${round(fileBytes / 1e6)} MB recording; bytes are counted on the wire by a loopback relay in front of the emulator. The rate is taken over ${windowSeconds} s after ${warmupSeconds} s of warm-up from the first byte; "slowest/fastest second" are the extremes of the whole seconds inside that window.`,
      'Units: 1 MB = 1,000,000 bytes, as Call Courier\'s settings read "1MB/s". Baseline: `curl --limit-rate 1000000` (bytes per second; curl\'s "1M" would mean 1,048,576).',
    ];
    context.log('Call Courier');
    const courier = await measureCourier(context, folder, window);
    const measurements: Measurement[] = [
      ...figures('Call Courier', courier),
      {
        name: 'Call Courier deviation from 1 MB/s',
        value: round(deviation(courier) * 100),
        unit: '%',
      },
    ];
    if (hasTool('curl')) {
      context.log('curl --limit-rate');
      const baseline = await measureCurl(context, path, window);
      measurements.push(...figures('curl --limit-rate', baseline), {
        name: 'curl --limit-rate deviation from 1 MB/s',
        value: round(deviation(baseline) * 100),
        unit: '%',
      });
    } else {
      notes.push(missingToolsNote(['curl'], 'curl --limit-rate'));
    }
    return {
      measurements,
      target: {
        description: `the rate over ${windowSeconds} s stays within ±${TOLERANCE * 100}% of 1 MB/s`,
        met: context.smoke ? null : Math.abs(deviation(courier)) <= TOLERANCE,
      },
      notes,
    };
  },
};

function figures(who: string, rate: RateFigures): Measurement[] {
  return [
    { name: `${who} average rate`, value: megabytes(rate.average), unit: 'MB/s' },
    { name: `${who} slowest second`, value: megabytes(rate.slowestSecond), unit: 'MB/s' },
    { name: `${who} fastest second`, value: megabytes(rate.fastestSecond), unit: 'MB/s' },
  ];
}

function deviation(rate: RateFigures): number {
  return rate.average / LIMIT_BYTES_PER_SECOND - 1;
}

async function measureCourier(
  context: BenchContext,
  folder: string,
  window: { readonly warmupSeconds: number; readonly windowSeconds: number },
): Promise<RateFigures> {
  const emulator = await startEnderTuringEmulator();
  const proxy = await startCountingProxy(emulator.url);
  try {
    const service = await startServiceProcess({
      config: enderTuringSettings({
        watchDir: folder,
        emulatorUrl: proxy.url,
        upload: { concurrency: 1, stableForSeconds: 1, bandwidthLimit: '1MB/s' },
      }),
      dataDir: join(context.workDir, 'courier-data'),
      env: ET_ENV,
    });
    try {
      return await measureRate(proxy, window);
    } finally {
      await service.stop();
    }
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

async function measureCurl(
  context: BenchContext,
  path: string,
  window: { readonly warmupSeconds: number; readonly windowSeconds: number },
): Promise<RateFigures> {
  const emulator = await startEnderTuringEmulator();
  const proxy = await startCountingProxy(emulator.url);
  try {
    const script = await startScript(
      `${CURL_LOGIN}\ncurl --limit-rate ${LIMIT_BYTES_PER_SECOND} ${curlUploadArgs('$FILE')}`,
      {
        env: { ...curlEnv(proxy.url), FILE: path },
        logFile: join(context.workDir, 'curl-limit.log'),
      },
    );
    try {
      return await measureRate(proxy, window);
    } finally {
      await script.stop();
    }
  } finally {
    await proxy.close();
    await emulator.close();
  }
}

/** Waits for the upload to flow, lets it warm up, then reads the rate over the window. */
async function measureRate(
  proxy: CountingProxy,
  window: { readonly warmupSeconds: number; readonly windowSeconds: number },
): Promise<RateFigures> {
  // The login is a few hundred bytes: 64 KiB means the recording itself is flowing.
  const flowingAt = await whenCountReaches(() => proxy.bytesUp, 64 * 1024, {
    timeoutMs: 30_000,
    what: 'the upload to start',
  });
  const from = flowingAt + window.warmupSeconds * 1000;
  const to = from + window.windowSeconds * 1000;
  await pause(to - performance.now() + 50);
  const seconds: number[] = [];
  for (let at = from; at + 1000 <= to; at += 1000) {
    seconds.push(rateBetween(proxy.timeline, at, at + 1000));
  }
  return {
    average: rateBetween(proxy.timeline, from, to),
    slowestSecond: Math.min(...seconds),
    fastestSecond: Math.max(...seconds),
  };
}

/** MB/s to three decimals: the table shows 1.004, not 1. */
function megabytes(bytesPerSecond: number): number {
  return Number((bytesPerSecond / 1e6).toFixed(3));
}
