/**
 * Start-up with history: 100 000 recordings on disk (100 day folders of 1 000), every one
 * already delivered according to the queue (queue.sqlite written as the service leaves it,
 * with the files' sizes and times). Call Courier is started on that folder and data folder.
 *
 * "Ready" is what an office sees: the local API answers, which `call-courier run` does only
 * once the watcher's start-up scan of the folder is done (CourierService.start awaits it),
 * AND the process has gone quiet (under 5% of a core over half a second, read from /proc),
 * so no start-up work is left behind the answer. Nothing may be sent again: the Ender Turing
 * emulator must receive no upload, and the status must count every row as delivered.
 *
 * Baseline: `rclone copy` of the same folder to an SFTP server (OpenSSH on loopback) that
 * already holds every file with the same size and time: rclone compares both listings and
 * sends nothing. Timed from spawn to exit.
 *
 * Target: ready within 5 s of the process being spawned.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startEnderTuringEmulator } from '../../test/emulators/enderturing/enderturing-emulator.ts';
import { hasSshd, startSshd } from '../../test/fixtures/sshd.ts';
import { buildHistory } from '../lib/b2-history.ts';
import { whenQuiet } from '../lib/b2-process-watch.ts';
import { RCLONE_REMOTE, rcloneEnv } from '../lib/b2-sftp-setup.ts';
import { ET_ENV, ET_PROFILE, enderTuringSettings } from '../lib/enderturing-setup.ts';
import { trackPeakRss } from '../lib/process-stats.ts';
import { MIB } from '../lib/recordings.ts';
import { startServiceProcess, type StatusAnswer } from '../lib/service-process.ts';
import { runScript } from '../lib/shell-script.ts';
import { round } from '../lib/statistics.ts';
import { hasTool, missingToolsNote } from '../lib/system-tools.ts';
import { pause } from '../lib/wait-until.ts';
import type { BenchContext, Measurement, Scenario, ScenarioResult } from '../scenario.ts';

const TARGET_MS = 5000;

export const scenario: Scenario = {
  id: 'startup-history',
  title: 'Start-up with 100 000 delivered recordings',
  async run(context: BenchContext): Promise<ScenarioResult> {
    const count = context.smoke ? 1000 : 100_000;
    const root = join(context.workDir, 'recordings');
    const dataDir = join(context.workDir, 'courier-data');
    context.log(`writing ${count} recordings and a queue in which each was delivered`);
    const history = await buildHistory({ root, dataDir, count, destination: ET_PROFILE });

    context.log('Call Courier');
    const courier = await runCourier(context, root, dataDir, history.delivered);
    const notes = [
      `${count} recordings of 4 KiB in ${Math.ceil(count / 1000)} folders, all delivered according to queue.sqlite (the size of a recording does not matter: an unchanged file is not read).`,
      'Ready: the local API answers (only after the start-up scan) and the process has gone quiet (under 5% of a core over 0.5 s). The emulator received no upload and the status counts every row as delivered.',
    ];
    const measurements: Measurement[] = [
      { name: 'Call Courier ready', value: round(courier.readyMs / 1000), unit: 's' },
      { name: 'Call Courier API answering', value: round(courier.answeringMs / 1000), unit: 's' },
      { name: 'Call Courier uploads sent again', value: 0, unit: 'files' },
      { name: 'Call Courier peak RSS', value: round(courier.peakRssBytes / MIB), unit: 'MiB' },
    ];
    if (hasTool('rclone') && hasSshd()) {
      const rcloneMs = await runRclone(context, root);
      measurements.push({
        name: 'rclone copy, nothing to send',
        value: round(rcloneMs / 1000),
        unit: 's',
      });
      notes.push(
        'Baseline: `rclone copy DIR bench:DIR` to OpenSSH sshd on loopback already holding the same files (same size and time): rclone lists both sides, compares, sends nothing; timed to its exit.',
      );
    } else {
      notes.push(
        missingToolsNote(['rclone', 'openssh-server'], 'rclone copy with nothing to send'),
      );
    }
    return {
      measurements,
      target: {
        description: `ready (start-up scan done, nothing sent again) within ${TARGET_MS / 1000} s`,
        met: context.smoke ? null : courier.readyMs <= TARGET_MS,
      },
      notes,
    };
  },
};

async function runCourier(
  context: BenchContext,
  root: string,
  dataDir: string,
  delivered: number,
): Promise<{ readyMs: number; answeringMs: number; peakRssBytes: number }> {
  const emulator = await startEnderTuringEmulator();
  try {
    const service = await startServiceProcess({
      config: enderTuringSettings({ watchDir: root, emulatorUrl: emulator.url }),
      dataDir,
      env: ET_ENV,
      readyTimeoutMs: 120_000,
    });
    const answeringAt = performance.now();
    const peak = trackPeakRss(service.pid);
    try {
      const quietAt = await whenQuiet(service.pid, { timeoutMs: 120_000 });
      const readyAt = Math.max(answeringAt, quietAt);
      // Anything the start-up wrongly queued would be on its way by now.
      await pause(context.smoke ? 500 : 2000);
      checkNothingSent(await service.status(), emulator.uploads.length, delivered);
      return {
        readyMs: readyAt - service.spawnedAt,
        answeringMs: answeringAt - service.spawnedAt,
        peakRssBytes: await peak.stop(),
      };
    } finally {
      await peak.stop();
      await service.stop();
    }
  } finally {
    await emulator.close();
  }
}

function checkNothingSent(status: StatusAnswer, uploads: number, delivered: number): void {
  const { counts } = status;
  const pending = counts.queued + counts.uploading + counts.retrying;
  if (uploads !== 0 || pending !== 0 || counts.uploaded !== delivered) {
    throw new Error(
      `the start-up sent or queued recordings again: ${uploads} uploads, status ${JSON.stringify(counts)} where ${delivered} delivered were expected`,
    );
  }
}

/** rclone copy to a server that already holds every file; answers ms from spawn to exit. */
async function runRclone(context: BenchContext, root: string): Promise<number> {
  context.log('rclone copy with nothing to send');
  const server = await startSshd();
  try {
    const remoteDir = join(server.dropDir, 'recordings');
    await mkdir(remoteDir);
    // The server's copy: same names, sizes and times (hard links), as after earlier runs.
    await runScript('cp -al "$SRC/." "$DST"', {
      env: { SRC: root, DST: remoteDir },
      logFile: join(context.workDir, 'cp.log'),
    });
    const env = await rcloneEnv(server, join(context.workDir, 'rclone_key'));
    const { ms, output } = await runScript(
      `rclone copy "$SRC" "${RCLONE_REMOTE}:$DST" --stats 0 -v`,
      { env: { ...env, SRC: root, DST: remoteDir }, logFile: join(context.workDir, 'rclone.log') },
    );
    if (/Copied \(new\)|Copied \(replaced/.test(output)) {
      throw new Error(
        `rclone sent files although the server held them all:\n${output.slice(-2000)}`,
      );
    }
    return ms;
  } finally {
    await server.close();
  }
}
