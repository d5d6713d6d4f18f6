// Stored backtests in the store (migration 0003-backtest-results): save a finished result with
// what reproduces it, list, open, compare two, delete. The table's type lives here (the store's
// schema.ts lists the shared tables; this one is only ever touched through this file).
import { randomUUID } from 'node:crypto';
import type { ColumnType, Kysely } from 'kysely';
import type { Patch } from '@patchdesk/modules/patch/types';
import type { Store } from '../store/open-store';
import type { BacktestResult } from './backtest-result';
import type { Metrics } from './metrics';

type Int8 = ColumnType<bigint, bigint | number, bigint | number>;
type Json = ColumnType<unknown, string, string>;

interface BacktestResultTable {
  result_id: string;
  name: string;
  created_at_ms: Int8;
  patch_hash: string;
  patch: Json;
  data_identity: Json;
  config: Json;
  metrics: Json;
  summary: Json;
  series: Json;
}

interface BacktestSchema {
  backtest_results: BacktestResultTable;
}

/** Where the data came from: a file's sha256, the bundled sample, or a query over recorded history. */
export type DataIdentity =
  | { kind: 'file'; name: string; sha256: string; funding?: string | null; mark?: string | null }
  | { kind: 'sample'; name: string; sha256: string }
  | { kind: 'query'; query: Record<string, unknown> };

/** Metrics as stored: NaN (undefined for the input) is null in JSON. */
export type StoredMetrics = { [K in keyof Metrics]: number | null };

export interface BacktestListItem {
  id: string;
  name: string;
  createdAtMs: number;
  patchHash: string;
  data: DataIdentity;
  metrics: StoredMetrics;
}

export interface StoredBacktest extends BacktestListItem {
  patch: Patch;
  config: Record<string, unknown>;
  summary: Pick<BacktestResult, 'status' | 'bars' | 'account' | 'counts'>;
  /** `candles` and `probes` are missing from results stored before they were kept. */
  series: Pick<BacktestResult, 'series' | 'seriesStride' | 'trades' | 'fills' | 'orders'> &
    Partial<Pick<BacktestResult, 'candles' | 'probes'>>;
}

export interface MetricComparison {
  name: keyof Metrics;
  a: number | null;
  b: number | null;
  /** b - a, null when either is null. */
  delta: number | null;
}

export interface BacktestComparison {
  a: BacktestListItem;
  b: BacktestListItem;
  metrics: MetricComparison[];
  /** Same patch version, data and config: the two should be bit-identical. */
  sameInputs: boolean;
}

export const listLimitMax = 500;

export class BacktestResultsStore {
  readonly #db: Kysely<BacktestSchema>;

  constructor(store: Store) {
    this.#db = store.db as unknown as Kysely<BacktestSchema>;
  }

  /** Stores a completed result in one insert; returns its id. A cancelled one is refused. */
  async save(input: {
    name: string;
    patch: Patch;
    patchHash: string;
    data: DataIdentity;
    config: Record<string, unknown>;
    result: BacktestResult;
    createdAtMs: number;
  }): Promise<string> {
    const { result } = input;
    if (result.status !== 'completed')
      throw new Error('backtest results: only a completed backtest is stored');
    const id = randomUUID();
    const summary = {
      status: result.status,
      bars: result.bars,
      account: result.account,
      counts: result.counts,
    };
    const series = {
      series: result.series,
      seriesStride: result.seriesStride,
      candles: result.candles,
      probes: result.probes,
      trades: result.trades,
      fills: result.fills,
      orders: result.orders,
    };
    await this.#db
      .insertInto('backtest_results')
      .values({
        result_id: id,
        name: input.name,
        created_at_ms: input.createdAtMs,
        patch_hash: input.patchHash,
        patch: JSON.stringify(input.patch),
        data_identity: JSON.stringify(input.data),
        config: JSON.stringify(input.config),
        metrics: JSON.stringify(result.metrics),
        summary: JSON.stringify(summary),
        series: JSON.stringify(series),
      })
      .execute();
    return id;
  }

  /** Newest first. */
  async list(limit = 100): Promise<BacktestListItem[]> {
    const rows = await this.#db
      .selectFrom('backtest_results')
      .select(['result_id', 'name', 'created_at_ms', 'patch_hash', 'data_identity', 'metrics'])
      .orderBy('created_at_ms', 'desc')
      .orderBy('result_id', 'desc')
      .limit(Math.max(1, Math.min(limit, listLimitMax)))
      .execute();
    return rows.map((row) => ({
      id: row.result_id,
      name: row.name,
      createdAtMs: Number(row.created_at_ms),
      patchHash: row.patch_hash,
      data: row.data_identity as DataIdentity,
      metrics: row.metrics as StoredMetrics,
    }));
  }

  async open(id: string): Promise<StoredBacktest | null> {
    const row = await this.#db
      .selectFrom('backtest_results')
      .selectAll()
      .where('result_id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.result_id,
      name: row.name,
      createdAtMs: Number(row.created_at_ms),
      patchHash: row.patch_hash,
      data: row.data_identity as DataIdentity,
      metrics: row.metrics as StoredMetrics,
      patch: row.patch as Patch,
      config: row.config as Record<string, unknown>,
      summary: row.summary as StoredBacktest['summary'],
      series: row.series as StoredBacktest['series'],
    };
  }

  async compare(idA: string, idB: string): Promise<BacktestComparison | null> {
    const [a, b] = await Promise.all([this.open(idA), this.open(idB)]);
    if (!a || !b) return null;
    const metrics = (Object.keys(a.metrics) as (keyof Metrics)[]).map((name) => {
      const va = a.metrics[name];
      const vb = b.metrics[name];
      return { name, a: va, b: vb, delta: va === null || vb === null ? null : vb - va };
    });
    const sameInputs =
      a.patchHash === b.patchHash &&
      JSON.stringify(a.data) === JSON.stringify(b.data) &&
      JSON.stringify(a.config) === JSON.stringify(b.config);
    return { a: listItemOf(a), b: listItemOf(b), metrics, sameInputs };
  }

  /** True when it existed. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.#db
      .deleteFrom('backtest_results')
      .where('result_id', '=', id)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }
}

function listItemOf(stored: StoredBacktest): BacktestListItem {
  const { id, name, createdAtMs, patchHash, data, metrics } = stored;
  return { id, name, createdAtMs, patchHash, data, metrics };
}
