// The fresh-cluster template: a store started from it is migrated like a new one, and two stores
// started from the same template are independent (the template is a copy, never shared).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { pgliteTemplate, pgliteTemplateEnv, writePgliteTemplate } from './pglite-template';

const dir = mkdtempSync(join(tmpdir(), 'patchdesk-template-test-'));
const savedTemplate = process.env[pgliteTemplateEnv];
afterAll(() => {
  if (savedTemplate === undefined) delete process.env[pgliteTemplateEnv];
  else process.env[pgliteTemplateEnv] = savedTemplate;
  rmSync(dir, { recursive: true, force: true });
});

describe('PGlite template', () => {
  it('is absent without the variable, and read once per path', () => {
    expect(pgliteTemplate({})).toBeUndefined();
    expect(() => pgliteTemplate({ [pgliteTemplateEnv]: join(dir, 'missing.tar') })).toThrow(/ENOENT/);
  });

  it(
    'starts in-memory stores that are migrated and independent of each other',
    { timeout: 120_000 },
    async () => {
      const path = join(dir, 'fresh.tar');
      await writePgliteTemplate(path);
      const blob = pgliteTemplate({ [pgliteTemplateEnv]: path });
      expect(blob!.size).toBeGreaterThan(1_000_000);
      expect(pgliteTemplate({ [pgliteTemplateEnv]: path })).toBe(blob);
      process.env[pgliteTemplateEnv] = path;
      const first = await openStore({ dataDir: ':memory:' });
      const second = await openStore({ dataDir: ':memory:' });
      try {
        const tables = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables where table_name = 'backtest_results'`.execute(
          first.db,
        );
        expect(tables.rows[0].n).toBe(1); // migrations ran on the copy
        await sql`create table only_in_first (x int)`.execute(first.db);
        const seen = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.tables where table_name = 'only_in_first'`.execute(
          second.db,
        );
        expect(seen.rows[0].n).toBe(0);
      } finally {
        await first.close();
        await second.close();
      }
    },
  );
});
