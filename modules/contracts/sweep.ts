// BacktestHub's sweeps (/hubs/backtest): backtest one patch over a grid or a seeded random sample
// of 1-3 number params and rank the runs by an objective metric. The zod schema is the contract:
// the server checks every call with it and the editor checks its form with it before sending.
// Conventions and the objective's rules: server/backtest/README.md, "Sweeps and walk-forward".
import { z } from 'zod';
import { backtestUploadCharsMax, type BacktestMetrics } from './backtest';

/** Backtests one sweep started from the editor may run (the CLI allows more). */
export const sweepHubRunsMax = 500;
/** Sweeps one connection may have running at once (more are refused, not queued). */
export const sweepsPerConnectionMax = 2;
export const sweepParamsMax = 3;

/** The objective metrics, higher is better except maxDrawdown (lower is better). */
export const sweepObjectives = [
  'sharpe',
  'sortino',
  'calmar',
  'totalReturn',
  'cagr',
  'profitFactor',
  'expectancy',
  'winRate',
  'maxDrawdown',
] as const;
export type SweepObjective = (typeof sweepObjectives)[number];

/** The metrics each row of a sweep's table carries. */
export const sweepRowMetrics = [
  'totalReturn',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'winRate',
  'profitFactor',
  'trades',
  'fees',
] as const satisfies readonly (keyof BacktestMetrics)[];
export type SweepRowMetric = (typeof sweepRowMetrics)[number];

export const sweepRangeSchema = z.strictObject({
  /** Module id in the patch. */
  module: z.string().min(1).max(100),
  /** A number param of that module (int or float). */
  param: z.string().min(1).max(100),
  from: z.number().finite(),
  to: z.number().finite(),
  step: z.number().finite().positive(),
});
export type SweepRange = z.infer<typeof sweepRangeSchema>;

export const sweepSearchSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grid') }),
  z.strictObject({
    kind: z.literal('random'),
    samples: z.number().int().min(1).max(sweepHubRunsMax),
    seed: z.number().int().min(0).max(0xffff_ffff),
  }),
]);
export type SweepSearch = z.infer<typeof sweepSearchSchema>;

/** A backtest's data, as BacktestHub's start and startSweep both take it (BacktestData's schema). */
export const backtestDataSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('sample') }),
  z.strictObject({
    kind: z.literal('csv'),
    name: z.string().min(1).max(200),
    text: z.string().max(backtestUploadCharsMax, `the CSV is over ${backtestUploadCharsMax} characters`),
  }),
  z.strictObject({
    kind: z.literal('recorded'),
    venue: z.string().min(1).max(40),
    symbol: z.string().min(1).max(60),
    timeframe: z.string().regex(/^[1-9]\d{0,3}[smhdwM]$/, 'a timeframe such as 1m, 1h or 1d'),
    fromMs: z.number().int().min(0).max(8.64e15),
    toMs: z.number().int().min(0).max(8.64e15),
  }),
]);

/** The venue model's shape; its ranges are the server's (server/trading/session/paper-config.ts). */
const venueModelShape = z.strictObject({
  startingBalance: z.number().optional(),
  makerFee: z.number().optional(),
  takerFee: z.number().optional(),
  slippageBps: z.number().optional(),
  participationCap: z.number().optional(),
  leverage: z.number().optional(),
  marginMode: z.enum(['cross', 'isolated']).optional(),
});

export const sweepConfigSchema = z.strictObject({
  params: z.array(sweepRangeSchema).min(1).max(sweepParamsMax),
  search: sweepSearchSchema,
  objective: z.enum(sweepObjectives),
  /** The data and venue model, as a single backtest takes them. */
  data: backtestDataSchema,
  model: venueModelShape.optional(),
});
export type SweepConfig = z.infer<typeof sweepConfigSchema>;

export interface SweepProgressFrame {
  id: string;
  state: 'running' | 'completed' | 'cancelled' | 'failed';
  runsDone: number;
  runsTotal: number;
  /** 0-100. */
  percent: number;
  objective: SweepObjective;
  /** The objective's value of the best run so far (null before a run with it defined). */
  bestValue: number | null;
  /** That run's params by name (`MODULE.PARAM`). */
  bestParams: Record<string, number> | null;
  /** Why it failed. */
  error: string | null;
}

export interface SweepRow {
  /** The run's place in the plan (grid order, or the random draw's order). */
  index: number;
  /** `{ 'ema-fast.period': 12, ... }`. */
  params: Record<string, number>;
  /** The objective metric's value (null when undefined for this run). */
  value: number | null;
  metrics: Record<SweepRowMetric, number | null>;
}

export interface SweepOutcome {
  id: string;
  name: string;
  /** A cancelled sweep holds the runs that finished. */
  status: 'completed' | 'cancelled';
  objective: SweepObjective;
  ranges: SweepRange[];
  search: SweepSearch;
  bars: { count: number; firstTimeMs: number | null; lastTimeMs: number | null };
  /** In plan order. */
  rows: SweepRow[];
  /** Index into rows of the best run (earlier wins a tie); null when no run has the objective defined. */
  best: number | null;
  /** The stored sweep's id (listSweeps/openSweep/deleteSweep); null or absent when not stored. */
  resultId?: string | null;
}

/** A stored sweep in a list, newest first. */
export interface SweepListItem {
  id: string;
  name: string;
  createdAtMs: number;
  patchHash: string;
  /** The data's identity: a file's sha256, the sample, or the recorded query with counts and hashes. */
  data: Record<string, unknown>;
  objective: SweepObjective;
  runs: number;
  best: { params: Record<string, number>; value: number | null } | null;
}

export interface SweepHubMethods {
  startSweep(patch: unknown, config: SweepConfig): string;
  /** Server stream: frames at most 10 a second, ending when the sweep ends. */
  sweepProgress(id: string): AsyncIterable<SweepProgressFrame>;
  /** Waits for the end; cancelled sweeps give the runs that finished. */
  sweepResult(id: string): SweepOutcome;
  cancelSweep(id: string): boolean;
  /** Stored sweeps, newest first (limit 1-500, default 100). */
  listSweeps(limit?: number | null): SweepListItem[];
  /** A stored sweep's outcome (its id is the stored id), or null. */
  openSweep(id: string): SweepOutcome | null;
  /** True when it existed. */
  deleteSweep(id: string): boolean;
}

/** `MODULE.PARAM`, the name a swept param goes by in rows and frames. */
export function sweepParamName(range: Pick<SweepRange, 'module' | 'param'>): string {
  return `${range.module}.${range.param}`;
}
