#!/usr/bin/env node
// `npm run bench`: every scenario of bench/scenarios/ against its baseline, side by side.
//   node bench/run.ts [--smoke] [--only id,id] [--out DIR]
//   node bench/run.ts --markdown bench/results/<date>.json   (the figures for docs/benchmarks.md)
// Writes bench/results/<YYYY-MM-DD>.json (a smoke run: a temporary folder) and prints a table.
// Exits 0 when every scenario ran, whether or not it met its target (the table says MISSED);
// 1 when a scenario crashed.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo } from './lib/machine.ts';
import { markdownReport } from './lib/markdown-report.ts';
import { formatTable, type ScenarioOutcome } from './lib/report-table.ts';
import { localDate, writeResults, type ResultsFile } from './lib/results-file.ts';
import { inScenarioOrder } from './lib/scenario-order.ts';
import type { Scenario } from './scenario.ts';

const SCENARIO_DIR = fileURLToPath(new URL('./scenarios/', import.meta.url));
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    markdown: { type: 'string' },
  },
});
if (values.markdown !== undefined) {
  const results = JSON.parse(await readFile(values.markdown, 'utf8')) as ResultsFile;
  process.stdout.write(`${markdownReport(results)}\n`);
  process.exit(0);
}
const smoke = values.smoke ?? false;
const log = (line: string) => process.stderr.write(`${line}\n`);

const scenarios = await loadScenarios();
const only = values.only
  ?.split(',')
  .map((id) => id.trim())
  .filter(Boolean);
const unknown = only?.filter((id) => !scenarios.some((s) => s.id === id)) ?? [];
if (unknown.length > 0) {
  log(
    `bench: no scenario ${unknown.join(', ')}; there are ${scenarios.map((s) => s.id).join(', ')}`,
  );
  process.exit(2);
}
const chosen = only ? scenarios.filter((s) => only.includes(s.id)) : scenarios;

const machine = await machineInfo();
log(
  `Call Courier benchmarks${smoke ? ' (smoke)' : ''} on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
);
const started = performance.now();
const outcomes: (ScenarioOutcome & { ranAt: string })[] = [];
for (const scenario of chosen) outcomes.push(await runOne(scenario));

const outDir =
  values.out ?? (smoke ? await mkdtemp(join(tmpdir(), 'call-courier-bench-smoke-')) : RESULTS_DIR);
const path = await writeResults(outDir, { date: localDate(), smoke, machine, scenarios: outcomes });
process.stdout.write(`\n${formatTable(outcomes)}\n\n`);
const missed = outcomes.filter((o) => o.result?.target.met === false).map((o) => o.id);
const crashed = outcomes.filter((o) => o.error !== undefined).map((o) => o.id);
if (missed.length > 0) process.stdout.write(`MISSED targets: ${missed.join(', ')}\n`);
if (crashed.length > 0) process.stdout.write(`CRASHED: ${crashed.join(', ')}\n`);
process.stdout.write(
  `Results: ${path} (${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`,
);
process.exitCode = crashed.length > 0 ? 1 : 0;

/** Runs one scenario in a fresh folder of its own; a crash is recorded, not thrown. */
async function runOne(scenario: Scenario): Promise<ScenarioOutcome & { ranAt: string }> {
  const ranAt = new Date().toISOString();
  const workDir = await mkdtemp(join(tmpdir(), `call-courier-bench-${scenario.id}-`));
  const begun = performance.now();
  log(`\n== ${scenario.id}: ${scenario.title}`);
  const context = { smoke, workDir, log: (line: string) => log(`   ${scenario.id}: ${line}`) };
  const base = { id: scenario.id, title: scenario.title, ranAt };
  try {
    const result = await scenario.run(context);
    return { ...base, seconds: (performance.now() - begun) / 1000, result };
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(`   ${scenario.id} CRASHED: ${text}`);
    return { ...base, seconds: (performance.now() - begun) / 1000, error: text };
  } finally {
    await rm(workDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Every bench/scenarios/*.ts module's exported `scenario`, in the issue's order. */
async function loadScenarios(): Promise<Scenario[]> {
  const files = (await readdir(SCENARIO_DIR)).filter((f) => f.endsWith('.ts')).sort();
  const loaded: Scenario[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(join(SCENARIO_DIR, file)).href)) as {
      scenario?: Scenario;
    };
    const scenario = module.scenario;
    if (!scenario || typeof scenario.run !== 'function' || typeof scenario.id !== 'string') {
      throw new Error(`bench/scenarios/${file} exports no \`scenario: Scenario\``);
    }
    loaded.push(scenario);
  }
  return inScenarioOrder(loaded);
}
