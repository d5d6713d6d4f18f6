import { afterAll, describe, expect, it } from 'vitest';
import { storeTargets, targetRuns } from '../store/test-stores';
import { kyselyRunner, prepareTimescale, timescaleStatements, type SqlRunner } from './recorder-timescale';

const targets = storeTargets('timescale');
afterAll(async () => {
  for (const target of targets) await target.cleanup();
});

/** A server that answers the detection queries as told and records every statement. */
function scriptedServer(installed: string | null, available: boolean, createFails = false) {
  const ran: string[] = [];
  let version = installed;
  const run: SqlRunner = async (text) => {
    ran.push(text);
    if (text.includes('from pg_extension')) return version === null ? [] : [{ extversion: version }];
    if (text.includes('pg_available_extensions')) return available ? [{ '?column?': 1 }] : [];
    if (text.startsWith('create extension')) {
      if (createFails) throw new Error('permission denied to create extension "timescaledb"\nHINT: ...');
      version = '2.17.2';
    }
    return [];
  };
  return { ran, run };
}

describe('TimescaleDB detection', () => {
  it('PGlite: plain tables, no query sent', async () => {
    const server = scriptedServer('2.17.2', true);
    expect(await prepareTimescale('pglite', server.run)).toEqual({
      timescale: false,
      reason: 'PGlite has no TimescaleDB',
    });
    expect(server.ran).toEqual([]);
  });

  it('installed: hypertables, compression and the 1m continuous aggregate, in that order', async () => {
    const server = scriptedServer('2.17.2', true);
    expect(await prepareTimescale('postgres', server.run)).toEqual({ timescale: true, version: '2.17.2' });
    const setup = server.ran.slice(1);
    expect(setup).toEqual(timescaleStatements());
    expect(setup.filter((s) => s.includes('create_hypertable'))).toHaveLength(7);
    expect(setup.filter((s) => s.includes('add_compression_policy'))).toHaveLength(7);
    expect(setup).toContain(
      `select create_hypertable('market_tickers', 'time_ms', chunk_time_interval => 86400000::bigint, if_not_exists => true, migrate_data => true)`,
    );
    expect(setup).toContain(
      `select create_hypertable('market_open_interest', 'time_ms', chunk_time_interval => 86400000::bigint, if_not_exists => true, migrate_data => true)`,
    );
    expect(setup.at(-2)).toContain('timescaledb.continuous');
  });

  it('available but not installed: creates the extension, then sets up', async () => {
    const server = scriptedServer(null, true);
    expect(await prepareTimescale('postgres', server.run)).toEqual({ timescale: true, version: '2.17.2' });
    expect(server.ran).toContain('create extension if not exists timescaledb');
  });

  it('a role that may not create it: plain tables, with the first line of the reason', async () => {
    const server = scriptedServer(null, true, true);
    expect(await prepareTimescale('postgres', server.run)).toEqual({
      timescale: false,
      reason: 'create extension timescaledb failed: permission denied to create extension "timescaledb"',
    });
    expect(server.ran.some((s) => s.includes('create_hypertable'))).toBe(false);
  });

  describe.each(targets)('against the real $name here (no TimescaleDB installed)', (target) => {
    it.runIf(targetRuns(target))('detects its absence and keeps the plain tables', async () => {
      const store = await target.open();
      const mode = await prepareTimescale(store.kind, kyselyRunner(store.db));
      expect(mode.timescale).toBe(false);
      if (target.name === 'postgres') {
        expect(mode).toEqual({
          timescale: false,
          reason: 'the timescaledb extension is not available on this server',
        });
      }
      await store.close();
    });
  });
});
