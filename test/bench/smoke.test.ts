import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../bench/lib/results-file.ts';
import type { Scenario } from '../../bench/scenario.ts';
import { tempDirForSuite } from '../fixtures/temp-dir.ts';

const RUN = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../../bench/scenarios/', import.meta.url));

/** The ids of every scenario in bench/scenarios/, read from the modules themselves. */
async function scenarioIds(): Promise<string[]> {
  const files = (await readdir(SCENARIOS)).filter((f) => f.endsWith('.ts'));
  const ids: string[] = [];
  for (const file of files) {
    const module = (await import(join(SCENARIOS, file))) as { scenario: Scenario };
    ids.push(module.scenario.id);
  }
  return ids;
}

function runBench(
  args: readonly string[],
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [RUN, ...args],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

// Not a benchmark: it proves that `npm run bench` still runs end to end, so it cannot rot.
// No figure is judged here.
describe('the benchmark suite', async () => {
  const out = await tempDirForSuite('call-courier-bench-smoke-test-');

  it('runs every scenario in its tiny variant, prints a row for each and records every figure', async () => {
    const ids = await scenarioIds();
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const run = await runBench(['--smoke', '--out', out]);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);

    for (const id of ids) expect(run.stdout).toMatch(new RegExp(`^\\| ${id} +\\|`, 'm'));
    expect(run.stdout).not.toMatch(/CRASHED/);

    const [file] = (await readdir(out)).filter((f) => f.endsWith('.json'));
    expect(file).toBeDefined();
    const results = JSON.parse(await readFile(join(out, file ?? ''), 'utf8')) as ResultsFile;
    expect(results.smoke).toBe(true);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.scenarios.map((s) => s.id).sort()).toEqual([...ids].sort());
    for (const scenario of results.scenarios) {
      expect(scenario.error, scenario.id).toBeUndefined();
      const measurements = scenario.result?.measurements ?? [];
      expect(measurements.length, scenario.id).toBeGreaterThan(0);
      for (const m of measurements) {
        expect(Number.isFinite(m.value), `${scenario.id}: ${m.name}`).toBe(true);
        expect(m.unit, `${scenario.id}: ${m.name}`).not.toBe('');
      }
      expect(scenario.result?.target.description, scenario.id).toBeTruthy();
    }
  }, 180_000);
});
