/**
 * Call-end latency: a recorder writes a call's WAV and closes it; how long until the platform
 * (the Ender Turing emulator) holds it, over 50 calls one after another, minus the stability
 * window Call Courier is configured to wait (stableForSeconds: 1, the least allowed). The
 * baseline is the script offices write: `inotifywait -m -e close_write` piped into one curl
 * upload per file, with one login first.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  startEnderTuringEmulator,
  type EnderTuringEmulator,
} from '../../test/emulators/enderturing/enderturing-emulator.ts';
import {
  CURL_LOGIN,
  curlEnv,
  curlUploadArgs,
  ET_ENV,
  enderTuringSettings,
} from '../lib/enderturing-setup.ts';
import { recordCall } from '../lib/recorder.ts';
import { startServiceProcess } from '../lib/service-process.ts';
import { startScript, type ScriptProcess } from '../lib/shell-script.ts';
import { percentile, round } from '../lib/statistics.ts';
import { hasTool, missingToolsNote } from '../lib/system-tools.ts';
import { pause, whenCountReaches } from '../lib/wait-until.ts';
import type { BenchContext, Measurement, Scenario, ScenarioResult } from '../scenario.ts';

const STABLE_SECONDS = 1;
const TARGET_P95_MS = 300;
/** About ten seconds of stereo 8 kHz audio. */
const CALL_BYTES = 320_044;

export const scenario: Scenario = {
  id: 'call-end-latency',
  title: 'Call-end latency (recorder closes the file → platform has it)',
  async run(context: BenchContext): Promise<ScenarioResult> {
    const calls = context.smoke ? 3 : 50;
    const notes = [
      `${calls} calls of ${Math.round(CALL_BYTES / 1000)} kB, one after another with a random 0–300 ms gap; each is written in 8 pieces and closed, and the clock runs from the close to the moment the emulator has stored it (polled every 2 ms).`,
      `Call Courier waits until a file has not changed for stableForSeconds (${STABLE_SECONDS} s, the least allowed) before sending it; its overhead is the latency minus that window. One call before the measured ones lets both sides log in.`,
      'Baseline: `inotifywait -m -e close_write` piped into one `curl -F file=@…` per file, with one login first. It reacts to the close itself, so it has no window to subtract; it also sends a file that a recorder closes and opens again half-written.',
    ];
    const courier = await measureCourier(context, calls);
    const measurements: Measurement[] = [
      {
        name: 'Call Courier p95 overhead',
        value: round(percentile(courier, 95) - STABLE_SECONDS * 1000),
        unit: 'ms',
      },
      {
        name: 'Call Courier p50 overhead',
        value: round(percentile(courier, 50) - STABLE_SECONDS * 1000),
        unit: 'ms',
      },
      {
        name: 'Call Courier p95 latency (window included)',
        value: round(percentile(courier, 95)),
        unit: 'ms',
      },
      {
        name: 'Call Courier p50 latency (window included)',
        value: round(percentile(courier, 50)),
        unit: 'ms',
      },
    ];
    if (hasTool('inotifywait') && hasTool('curl')) {
      const baseline = await measureBaseline(context, calls);
      measurements.push(
        {
          name: 'inotifywait + curl p95 latency',
          value: round(percentile(baseline, 95)),
          unit: 'ms',
        },
        {
          name: 'inotifywait + curl p50 latency',
          value: round(percentile(baseline, 50)),
          unit: 'ms',
        },
      );
    } else {
      notes.push(missingToolsNote(['inotifywait', 'curl'], 'the inotifywait + curl script'));
    }
    const p95 = percentile(courier, 95) - STABLE_SECONDS * 1000;
    return {
      measurements,
      target: {
        description: `Call Courier p95 overhead ≤ ${TARGET_P95_MS} ms beyond the ${STABLE_SECONDS} s window`,
        met: context.smoke ? null : p95 <= TARGET_P95_MS,
      },
      notes,
    };
  },
};

async function measureCourier(context: BenchContext, calls: number): Promise<number[]> {
  context.log('Call Courier');
  const folder = join(context.workDir, 'courier-recorder');
  await mkdir(folder, { recursive: true });
  const emulator = await startEnderTuringEmulator();
  const service = await startServiceProcess({
    config: enderTuringSettings({
      watchDir: folder,
      emulatorUrl: emulator.url,
      upload: { concurrency: 2, stableForSeconds: STABLE_SECONDS },
    }),
    dataDir: join(context.workDir, 'courier-data'),
    env: ET_ENV,
  });
  try {
    return await playCalls(context, folder, emulator, calls, 'Call Courier');
  } finally {
    await service.stop();
    await emulator.close();
  }
}

async function measureBaseline(context: BenchContext, calls: number): Promise<number[]> {
  context.log('inotifywait + curl');
  const folder = join(context.workDir, 'script-recorder');
  await mkdir(folder, { recursive: true });
  const emulator = await startEnderTuringEmulator();
  let script: ScriptProcess | undefined;
  try {
    script = await startScript(
      `${CURL_LOGIN}
inotifywait -m -e close_write --format '%w%f' "$DIR" | while IFS= read -r f; do
  curl ${curlUploadArgs('$f')} || echo "upload of $f failed" >&2
done`,
      {
        env: { ...curlEnv(emulator.url), DIR: folder },
        logFile: join(context.workDir, 'inotify-script.log'),
      },
    );
    const running = script;
    await whenCountReaches(
      async () => ((await running.output()).includes('Watches established') ? 1 : 0),
      1,
      {
        timeoutMs: 10_000,
        what: 'inotifywait to watch the folder',
      },
    );
    return await playCalls(context, folder, emulator, calls, 'inotifywait + curl');
  } finally {
    await script?.stop();
    await emulator.close();
  }
}

/** One warm-up call, then `calls` measured ones: each recorded, then waited for at the platform. */
async function playCalls(
  context: BenchContext,
  folder: string,
  emulator: EnderTuringEmulator,
  calls: number,
  who: string,
): Promise<number[]> {
  const latencies: number[] = [];
  for (let call = 0; call <= calls; call += 1) {
    const closedAt = await recordCall(folder, call, CALL_BYTES);
    const arrivedAt = await whenCountReaches(() => emulator.uploads.length, call + 1, {
      timeoutMs: 30_000,
      everyMs: 2,
      what: `${who} to deliver call ${call}`,
    });
    if (call > 0) latencies.push(arrivedAt - closedAt);
    await pause(Math.random() * 300);
  }
  const sizes = new Set(emulator.uploads.map((u) => u.bytes));
  if (emulator.uploads.length !== calls + 1 || sizes.size !== 1 || !sizes.has(CALL_BYTES)) {
    throw new Error(
      `${who} delivered ${emulator.uploads.length} files (sizes ${[...sizes].join(', ')}) for ${calls + 1} calls`,
    );
  }
  context.log(
    `${who}: p50 ${round(percentile(latencies, 50))} ms, p95 ${round(percentile(latencies, 95))} ms`,
  );
  return latencies;
}
