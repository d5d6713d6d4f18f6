// Stored sweeps in the store (migration 0006-sweep-results): save a finished sweep with what
// runs any of its rows again (patch, data identity, config), list newest first, open, delete.
// Only a completed sweep is stored: a cancelled one leaves nothing behind.
import { randomUUID } from 'node:crypto';
import type { ColumnType, Kysely } from 'kysely';
import type { SweepListItem, SweepOutcome } from '@patchdesk/modules/contracts/sweep';

export type { SweepListItem };
import type { Patch } from '@patchdesk/modules/patch/types';
import type { Store } from '../../store/open-store';

type Int8 = ColumnType<bigint, bigint | number, bigint | number>;
type Json = ColumnType<unknown, string, string>;

interface SweepResultTable {
  sweep_id: string;
  name: string;
  created_at_ms: Int8;
  patch_hash: string;
  patch: Json;
  data_identity: Json;
  config: Json;
  summary: Json;
  outcome: Json;
}

interface SweepSchema {
  sweep_results: SweepResultTable;
}

export interface StoredSweep extends SweepListItem {
  patch: Patch;
  config: Record<string, unknown>;
  /** Its `id` is the stored id. */
  outcome: SweepOutcome;
}

export const sweepListLimitMax = 500;

export class SweepResultsStore {
  readonly #db: Kysely<SweepSchema>;

  constructor(store: Store) {
    this.#db = store.db as unknown as Kysely<SweepSchema>;
  }

  /** Stores a completed sweep in one insert; returns its id. A cancelled one is refused. */
  async save(input: {
    name: string;
    patch: Patch;
    patchHash: string;
    data: Record<string, unknown>;
    config: Record<string, unknown>;
    outcome: SweepOutcome;
    createdAtMs: number;
  }): Promise<string> {
    if (input.outcome.status !== 'completed')
      throw new Error('sweep results: only a completed sweep is stored');
    const id = randomUUID();
    await this.#db
      .insertInto('sweep_results')
      .values({
        sweep_id: id,
        name: input.name,
        created_at_ms: input.createdAtMs,
        patch_hash: input.patchHash,
        patch: JSON.stringify(input.patch),
        data_identity: JSON.stringify(input.data),
        config: JSON.stringify(input.config),
        summary: JSON.stringify(summaryOf(input.outcome)),
        // NaN metrics are null already (SweepRow); the id is the stored one.
        outcome: JSON.stringify({ ...input.outcome, id }),
      })
      .execute();
    return id;
  }

  /** Newest first. */
  async list(limit = 100): Promise<SweepListItem[]> {
    const rows = await this.#db
      .selectFrom('sweep_results')
      .select(['sweep_id', 'name', 'created_at_ms', 'patch_hash', 'data_identity', 'summary'])
      .orderBy('created_at_ms', 'desc')
      .orderBy('sweep_id', 'desc')
      .limit(Math.max(1, Math.min(limit, sweepListLimitMax)))
      .execute();
    return rows.map((row) => listItemOf(row));
  }

  async open(id: string): Promise<StoredSweep | null> {
    const row = await this.#db
      .selectFrom('sweep_results')
      .selectAll()
      .where('sweep_id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    return {
      ...listItemOf(row),
      patch: row.patch as Patch,
      config: row.config as Record<string, unknown>,
      outcome: row.outcome as SweepOutcome,
    };
  }

  /** True when it existed. */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.#db.deleteFrom('sweep_results').where('sweep_id', '=', id).executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }
}

type Summary = Pick<SweepListItem, 'objective' | 'runs' | 'best'>;

function summaryOf(outcome: SweepOutcome): Summary {
  const best = outcome.best === null ? null : outcome.rows[outcome.best];
  return {
    objective: outcome.objective,
    runs: outcome.rows.length,
    best: best ? { params: best.params, value: best.value } : null,
  };
}

function listItemOf(row: {
  sweep_id: string;
  name: string;
  created_at_ms: bigint;
  patch_hash: string;
  data_identity: unknown;
  summary: unknown;
}): SweepListItem {
  return {
    id: row.sweep_id,
    name: row.name,
    createdAtMs: Number(row.created_at_ms),
    patchHash: row.patch_hash,
    data: row.data_identity as Record<string, unknown>,
    ...(row.summary as Summary),
  };
}
