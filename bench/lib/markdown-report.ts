import type { ResultsFile } from './results-file.ts';
import { baselineFigure, courierFigure, figure, verdict } from './report-table.ts';

/** A results file as Markdown for docs/benchmarks.md: the machine, the summary table and every figure. */
export function markdownReport(results: ResultsFile): string {
  const { machine } = results;
  const tools = Object.entries(machine.tools)
    .map(([name, version]) => `${name}: ${version ?? 'not installed'}`)
    .join('; ');
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = results.scenarios.map((outcome) => {
    const result = outcome.result;
    return `| ${[
      `\`${outcome.id}\``,
      result ? figure(courierFigure(result)) : '—',
      result ? figure(baselineFigure(result)) : '—',
      result?.ratio === undefined ? '—' : `${result.ratio}×`,
      result?.target.description ?? '—',
      verdict(outcome) === 'yes' ? 'met' : verdict(outcome),
    ]
      .map(cell)
      .join(' | ')} |`;
  });
  const details = results.scenarios.flatMap((outcome) => [
    '',
    `**\`${outcome.id}\`** (${outcome.seconds.toFixed(0)} s, ${outcome.ranAt})`,
    '',
    ...(outcome.error === undefined ? [] : [`- CRASHED: ${outcome.error.split('\n')[0] ?? ''}`]),
    ...(outcome.result?.measurements ?? []).map((m) => `- ${m.name}: ${figure(m)}`),
  ]);
  return [
    `Run of ${results.date}${results.smoke ? ' (smoke)' : ''} on ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}.`,
    `Baseline tools: ${tools}.`,
    '',
    '| scenario | Call Courier | baseline | ratio | target | met? |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...details,
  ].join('\n');
}
