/**
 * Scale of the list: a queue of 100 000 rows as a supervisor's service has after months (95%
 * delivered, 3% failed, 2% skipped, with the call details read from Ender Turing names), served
 * by `call-courier run`.
 *
 * API: GET /api/v1/recordings timed from the client (request sent to JSON parsed), for the
 * queries the window and scripts make: the first page; cursor paging through the whole list
 * with the API's default 50-row pages and with the window's 500-row pages; a status filter
 * (failed, 3%; delivered, 95%); text search (`q=`) for an agent that matches a quarter of the
 * rows, for one client number (one row: the whole table is searched), for text that matches
 * nothing, and search with a status filter.
 *
 * Window: the built UI (`npm run build:ui`, written to dist/renderer as that command does) in
 * headless Chromium at 1280×800; History is opened and its virtualised list scrolled by 1 200 px
 * on every animation frame, loading 500-row pages on the way down. The time between animation
 * frames is recorded in the page (requestAnimationFrame), with the long tasks it reports.
 *
 * No baseline: an inotifywait or rclone script keeps no list a person could page or search.
 *
 * Target: every kind of page answered in ≤ 50 ms at the 95th percentile; the list smooth while
 * it scrolls: 95th percentile of frame times ≤ 20 ms (50 frames a second or better).
 */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEnderTuringEmulator } from '../../test/emulators/enderturing/enderturing-emulator.ts';
import { timePages, type ApiAccess, type PageTimes } from '../lib/b2-api-timing.ts';
import { buildHistory } from '../lib/b2-history.ts';
import { CHROMIUM, scrollHistory } from '../lib/b2-ui-frames.ts';
import { ET_ENV, ET_PROFILE, enderTuringSettings } from '../lib/enderturing-setup.ts';
import { enderTuringName } from '../lib/recordings.ts';
import { startServiceProcess } from '../lib/service-process.ts';
import { percentile, round } from '../lib/statistics.ts';
import { hasTool } from '../lib/system-tools.ts';
import type { BenchContext, Measurement, Scenario, ScenarioResult } from '../scenario.ts';

const PAGE_TARGET_MS = 50;
const FRAME_TARGET_MS = 20;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const scenario: Scenario = {
  id: 'list-scale',
  title: 'Scale of the list: 100 000 rows in the API and the window',
  async run(context: BenchContext): Promise<ScenarioResult> {
    const count = context.smoke ? 2000 : 100_000;
    const dataDir = join(context.workDir, 'courier-data');
    const folder = join(context.workDir, 'recordings');
    await mkdir(folder, { recursive: true });
    context.log(`writing a queue of ${count} rows`);
    await buildHistory({
      root: folder,
      dataDir,
      count,
      destination: ET_PROFILE,
      mixed: true,
      writeFiles: false,
    });
    context.log('building the window (npm run build:ui)');
    await buildWindow();

    const emulator = await startEnderTuringEmulator();
    const service = await startServiceProcess({
      config: enderTuringSettings({ watchDir: folder, emulatorUrl: emulator.url }),
      dataDir,
      env: ET_ENV,
    });
    try {
      context.log('timing the API');
      const pages = await timeQueries(service, context.smoke, count);
      context.log('scrolling History in Chromium');
      const frames = hasTool(CHROMIUM)
        ? await scrollHistory({
            url: service.url,
            token: service.token,
            frames: context.smoke ? 60 : 600,
            pxPerFrame: 1200,
          })
        : undefined;
      return result(context, count, pages, frames);
    } finally {
      await service.stop();
      await emulator.close();
    }
  },
};

/** Every kind of query, walked with cursors as a client would. */
async function timeQueries(api: ApiAccess, smoke: boolean, count: number): Promise<PageTimes[]> {
  const rare = enderTuringName(Math.floor(count / 2)).split('_')[3] ?? '';
  const deep = smoke ? 50 : 2000;
  return [
    await timePages(api, 'first page (50 rows)', {}, { pages: 1, rounds: 100 }),
    await timePages(api, 'whole list, 50-row pages by cursor', {}, { pages: deep }),
    await timePages(
      api,
      'whole list, 500-row pages (the window)',
      { limit: '500' },
      { pages: 1000 },
    ),
    await timePages(api, 'status=failed (3%), by cursor', { status: 'failed' }, { pages: 200 }),
    await timePages(
      api,
      'status=uploaded (95%), by cursor',
      { status: 'uploaded' },
      { pages: 200 },
    ),
    await timePages(api, 'q=agent1 (a quarter), by cursor', { q: 'agent1' }, { pages: 200 }),
    await timePages(api, `q=${rare} (one client, one row)`, { q: rare }, { pages: 1, rounds: 30 }),
    await timePages(api, 'q= matching nothing', { q: 'no-such-call' }, { pages: 1, rounds: 30 }),
    await timePages(
      api,
      'q=agent2 with status=failed',
      { q: 'agent2', status: 'failed' },
      { pages: 50 },
    ),
  ];
}

function result(
  context: BenchContext,
  count: number,
  pages: readonly PageTimes[],
  frames: Awaited<ReturnType<typeof scrollHistory>> | undefined,
): ScenarioResult {
  const worst = Math.max(...pages.map((p) => p.p95Ms));
  const measurements: Measurement[] = [
    { name: 'API pages, worst p95 of any kind', value: round(worst), unit: 'ms' },
    ...pages.map((p) => ({ name: `API ${p.name}, p95`, value: round(p.p95Ms), unit: 'ms' })),
  ];
  const notes = [
    `${count} rows (95% delivered, 3% failed, 2% skipped). Page times from the client over loopback, ${pages.map((p) => `${p.name}: ${p.pages} requests, p50 ${round(p.p50Ms)} ms, max ${round(p.maxMs)} ms`).join('; ')}.`,
    'No baseline: a script keeps no list to page or search.',
  ];
  let smooth: boolean | undefined;
  if (frames) {
    const p95 = percentile(frames.frameMs, 95);
    smooth = p95 <= FRAME_TARGET_MS;
    measurements.push(
      { name: 'Window scroll frame time, p95', value: round(p95), unit: 'ms' },
      {
        name: 'Window scroll frame time, p50',
        value: round(percentile(frames.frameMs, 50)),
        unit: 'ms',
      },
      { name: 'Window rows reached by scrolling', value: frames.rowsReached, unit: 'rows' },
      { name: 'Window long tasks while scrolling', value: frames.longTasks, unit: 'tasks' },
    );
    notes.push(
      `Window: History in headless Chromium 1280×800, scrolled 1 200 px per frame for ${frames.frameMs.length} frames, loading 500-row pages on the way; longest frame ${round(Math.max(...frames.frameMs))} ms.`,
    );
  } else {
    notes.push(`Window NOT MEASURED: ${CHROMIUM} is not installed.`);
  }
  return {
    measurements,
    target: {
      description: `API pages ≤ ${PAGE_TARGET_MS} ms p95 for every kind of query; window scroll frames ≤ ${FRAME_TARGET_MS} ms p95`,
      met: context.smoke ? null : worst <= PAGE_TARGET_MS && smooth === true,
    },
    notes,
  };
}

/** `npm run build:ui`: Vite in a process of its own, for production, into dist/renderer. */
async function buildWindow(): Promise<void> {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`npm run build:ui failed (${String(code)}): ${errors}`);
}
