import type { Measurement, ScenarioResult } from '../scenario.ts';

/** One scenario's line in the run: its result, or the error that stopped it. */
export interface ScenarioOutcome {
  readonly id: string;
  readonly title: string;
  readonly seconds: number;
  readonly result?: ScenarioResult;
  readonly error?: string;
}

/** Call Courier's headline figure: the first measurement named after it (else the first). */
export function courierFigure(result: ScenarioResult): Measurement | undefined {
  return result.measurements.find((m) => /^call courier/i.test(m.name)) ?? result.measurements[0];
}

/**
 * The baseline's headline figure: the first measurement not named after Call Courier, when
 * some are (a scenario without a baseline names none after Call Courier).
 */
export function baselineFigure(result: ScenarioResult): Measurement | undefined {
  const named = (m: Measurement) => /^call courier/i.test(m.name);
  if (!result.measurements.some(named)) return undefined;
  return result.measurements.find((m) => !named(m));
}

/** Whether the target was met, in the words the table shows: yes, MISSED, not judged, CRASHED. */
export function verdict(outcome: ScenarioOutcome): string {
  if (outcome.error !== undefined) return 'CRASHED';
  const met = outcome.result?.target.met;
  return met === true ? 'yes' : met === false ? 'MISSED' : 'not judged';
}

/** A figure as the table shows it: "12.3 MiB/s", or "—". */
export function figure(measurement: Measurement | undefined): string {
  return measurement ? `${measurement.value} ${measurement.unit}`.trim() : '—';
}

/** The readable table of a run: scenario, Call Courier, baseline, ratio, target, met?, then every figure. */
export function formatTable(outcomes: readonly ScenarioOutcome[]): string {
  const header = ['scenario', 'Call Courier', 'baseline', 'ratio', 'target', 'met?'];
  const rows = outcomes.map((outcome) => {
    const result = outcome.result;
    return [
      outcome.id,
      result ? figure(courierFigure(result)) : '—',
      result ? figure(baselineFigure(result)) : '—',
      result?.ratio === undefined ? '—' : `${result.ratio}×`,
      result?.target.description ?? (outcome.error ? 'crashed: see below' : '—'),
      verdict(outcome),
    ];
  });
  const widths = header.map((cell, i) =>
    Math.max(cell.length, ...rows.map((r) => r[i]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const details = outcomes.flatMap((outcome) => [
    '',
    `${outcome.id} — ${outcome.title} (${outcome.seconds.toFixed(1)} s)`,
    ...(outcome.error === undefined ? [] : [`  CRASHED: ${outcome.error}`]),
    ...(outcome.result?.measurements ?? []).map((m) => `  ${m.name}: ${figure(m)}`),
    ...(outcome.result?.notes ?? []).map((note) => `  note: ${note}`),
  ]);
  return [line(header), rule, ...rows.map(line), ...details].join('\n');
}
