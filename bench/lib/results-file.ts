import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MachineInfo } from './machine.ts';
import type { ScenarioOutcome } from './report-table.ts';
import { inScenarioOrder } from './scenario-order.ts';

/** What bench/results/<date>.json holds. */
export interface ResultsFile {
  readonly date: string;
  readonly smoke: boolean;
  readonly machine: MachineInfo;
  /** Every scenario of the run, with the moment it ran (a run with --only merges into the day's file). */
  readonly scenarios: readonly (ScenarioOutcome & { readonly ranAt: string })[];
}

/** Today's date on this machine, YYYY-MM-DD. */
export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Writes `<dir>/<date>.json`; scenarios of an earlier run that day that this run did not
 * repeat are kept, so `--only` refreshes some figures without losing the others. Answers the path.
 */
export async function writeResults(dir: string, run: ResultsFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${run.date}.json`);
  const earlier = await readFile(path, 'utf8')
    .then((text) => JSON.parse(text) as ResultsFile)
    .catch(() => undefined);
  const ran = new Set(run.scenarios.map((s) => s.id));
  const kept =
    earlier && earlier.smoke === run.smoke ? earlier.scenarios.filter((s) => !ran.has(s.id)) : [];
  const merged: ResultsFile = { ...run, scenarios: inScenarioOrder([...kept, ...run.scenarios]) };
  await writeFile(path, `${JSON.stringify(merged, null, 2)}\n`);
  return path;
}
