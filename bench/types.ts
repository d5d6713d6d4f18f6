// The shape every benchmark reports in: one figure, the baseline it is judged against, and
// the goal in words. bench/run.ts collects these into a table and artifacts/bench.json.

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baselineName: string;
  baselineValue: number;
  /** value / baselineValue. */
  ratio: number;
  /** What "good" means, e.g. "<= 2x" or "flat after warm-up". */
  goal: string;
  notes?: string;
}

/** Each `bench/*.bench.ts` file default-exports one of these. */
export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}
