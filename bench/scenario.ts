/**
 * One benchmark scenario of `npm run bench` (issue 7): Call Courier and the baseline
 * offices use today, measured side by side in the same run on the same machine.
 */

/** What every scenario is given. */
export interface BenchContext {
  /** The tiny variant CI runs so the suite cannot rot: few files, seconds in all. */
  readonly smoke: boolean;
  /** A fresh folder of the scenario's own, removed after the run. */
  readonly workDir: string;
  /** Progress for the person watching (stderr). */
  log(line: string): void;
}

/** One figure: a name a reader understands, its value and unit ("MiB/s", "ms", "MiB", "%"). */
export interface Measurement {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

/** What a scenario found. */
export interface ScenarioResult {
  /** Call Courier's figures and the baseline's, in the order a table shows them. */
  readonly measurements: readonly Measurement[];
  /** The target, in words, and whether this run met it (a smoke run may say null: not judged). */
  readonly target: { readonly description: string; readonly met: boolean | null };
  /** Call Courier ÷ baseline where the target is a ratio. */
  readonly ratio?: number;
  /** Anything a reader needs to trust the figures (what the baseline is exactly, caveats). */
  readonly notes?: readonly string[];
}

/** A scenario. */
export interface Scenario {
  /** Short id for `npm run bench -- --only <id>`, e.g. "backlog-http". */
  readonly id: string;
  readonly title: string;
  run(context: BenchContext): Promise<ScenarioResult>;
}
