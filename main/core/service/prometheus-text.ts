import type { MetricDefinition } from './metric-catalog.ts';

/** One sample of a family: its labels by name (written in the family's label order) and its value. */
export interface Sample {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One family in the Prometheus text exposition format 0.0.4: HELP, TYPE, then its samples. */
export function family(metric: MetricDefinition, samples: readonly Sample[]): string[] {
  return [
    `# HELP ${metric.name} ${escapeHelp(metric.help)}`,
    `# TYPE ${metric.name} ${metric.type}`,
    ...samples.map((s) => `${metric.name}${labelSet(metric, s.labels ?? {})} ${number(s.value)}`),
  ];
}

function labelSet(metric: MetricDefinition, labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels);
  const unknown = names.find((name) => !metric.labels.includes(name));
  if (unknown !== undefined) throw new Error(`${metric.name} has no label "${unknown}"`);
  if (names.length === 0) return '';
  const pairs = metric.labels
    .filter((name) => labels[name] !== undefined)
    .map((name) => `${name}="${escapeLabel(labels[name] ?? '')}"`);
  return `{${pairs.join(',')}}`;
}

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/** A label value: backslash, double quote and line feed escaped. */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A HELP text: backslash and line feed escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}
