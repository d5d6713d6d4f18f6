// A paper run of a shipped example, in a real server process, is killed with SIGKILL in the
// middle of its data, several times; each time a new server on the same database resumes it
// (StateHub.start with resume). At the end, the resumed run's ledger equals that of the same
// run made in one go without a crash (same patch + same events => same orders, fills and
// transfers), the journal alone rebuilds that ledger, and no fill is lost or doubled.
// On the embedded store (PGlite on disk) always; on PostgreSQL when DATABASE_URL is set.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { makeTestStore, startTestServer } from '../main/test-server';
import type { StoreOptions } from '../store/open-store';
import { readBarCsvFile } from '../market/bar-csv';
import { JournalStore } from '../trading/journal/journal-store';
import { stateDigest } from '../trading/journal/paper-run/state-digest';
import { restoreRun } from '../trading/journal/restore-run';
import { venueModelOf } from '../trading/session/paper-config';
import { TradingSession } from '../trading/session/trading-session';
import { Run } from './run';

const serverMain = fileURLToPath(
  new URL('../trading/journal/paper-run/paper-server-main.ts', import.meta.url),
);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const samplePath = fileURLToPath(new URL('../../patches/data/btc-usdt-perp-1m-sample.csv', import.meta.url));
const patchName = 'atr-breakout';
const kills = 3;
const workDir = mkdtempSync(join(tmpdir(), 'patchdesk-resume-'));
const databaseUrl = process.env.DATABASE_URL;
const schema = `t_resume_${process.pid}_${Date.now().toString(36)}`;

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

interface Target {
  name: string;
  args: string[];
  database: StoreOptions;
}
const targets: Target[] = [
  {
    name: 'embedded (PGlite on disk)',
    args: ['--db', join(workDir, 'db')],
    database: { dataDir: join(workDir, 'db') },
  },
];
if (databaseUrl || process.env.CI === 'true') {
  targets.push({
    name: 'PostgreSQL',
    args: ['--database-url', databaseUrl ?? 'missing', '--schema', schema],
    database: { databaseUrl: databaseUrl ?? 'missing', schema },
  });
}

/** Starts a server process; resolves with its URL and the child. */
async function serverProcess(storeDir: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', serverMain, '--store', storeDir, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      const fact = JSON.parse(text) as { url?: string };
      if (fact.url) resolve(fact.url);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
  return { child, url };
}

async function connect(url: string) {
  const connection = new HubConnectionBuilder()
    .withUrl(`${url}${hubPaths.state}`, { transport: HttpTransportType.WebSockets })
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  return connection;
}

/** The same run made in one go, virtual pacing, with the run key of the crashed one. */
async function runInOneGo(runKey: string) {
  const { readFileSync } = await import('node:fs');
  const { parsePatchJson } = await import('@patchdesk/modules/patch/schema');
  const parsed = parsePatchJson(
    readFileSync(new URL(`../../patches/${patchName}.json`, import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('example patch does not parse');
  const session = new TradingSession({ model: venueModelOf({}), runKey });
  const run = new Run({
    patch: parsed.patch,
    registry: createBuiltinRegistry(),
    bars: await readBarCsvFile(samplePath),
    pacing: { kind: 'virtual' },
    trading: session,
  });
  await run.start();
  return session;
}

describe.each(targets)('a paper run killed with SIGKILL resumes from its journal ($name)', (target) => {
  it(`resumes ${kills} times and ends with the ledger of an uninterrupted run`, async () => {
    if (target.database.databaseUrl === 'missing') throw new Error('DATABASE_URL is required under CI=true');
    const storeDir = makeTestStore();
    let delivered = 0;
    for (let attempt = 0; attempt < kills; attempt++) {
      const { child, url } = await serverProcess(storeDir, target.args);
      const exited = new Promise((resolve) => child.on('exit', resolve));
      const state = await connect(url);
      const config =
        attempt === 0 ? { mode: 'paper', barsPerTick: 20 } : { mode: 'paper', resume: true, barsPerTick: 20 };
      const started = await state.invoke<RunStatus>('start', patchName, config);
      expect(started.state).toBe('running');
      // let it run past where the previous process died, then kill it mid-tick
      const goal = delivered + 600;
      await vi.waitFor(
        async () => {
          const [status] = (await state.invoke<RunStatus[]>('getStatus')).filter(
            (s) => s.patchName === patchName,
          );
          expect(status.barsDelivered).toBeGreaterThan(goal);
          delivered = status.barsDelivered;
        },
        { timeout: 60_000, interval: 50 },
      );
      child.kill('SIGKILL');
      await exited;
      await state.stop().catch(() => undefined);
    }

    // the last start resumes in-process and runs to the end of the data
    const test = await startTestServer({ storeDir, database: target.database });
    try {
      const { runManager } = test.server;
      await runManager.start(patchName, { mode: 'paper', resume: true, barsPerTick: 1_000 });
      await vi.waitFor(() => expect(runManager.isRunning(patchName)).toBe(false), {
        timeout: 60_000,
        interval: 50,
      });
      const final = runManager.statusOf(patchName);
      expect(final.reason).toBe('end of bars');
      await runManager.journalsClosed();
      const resumed = runManager.tradingOf(patchName)!;

      const db = (await test.server.database!.get()).db;
      const runs = await db.selectFrom('journal_runs').select('run_id').execute();
      expect(runs).toHaveLength(1); // every restart continued the same run
      const runId = runs[0].run_id;
      const oneGo = await runInOneGo(runId.slice(patchName.length + 1));

      expect(resumed.records.fillCount).toBeGreaterThan(0);
      const expected = stateDigest(oneGo.accounting);
      expect(expected.balanced).toBe(true);
      expect(stateDigest(resumed.accounting)).toEqual(expected);
      // the journal alone holds exactly that ledger, each fill once
      const journaled = await new JournalStore(db).readRun(runId);
      const rebuilt = restoreRun(journaled, { leverageOf: () => 10 });
      expect(stateDigest(rebuilt.accounting)).toEqual(expected);
      const fills = rebuilt.tradingEvents.filter(({ event }) => event.kind === 'fill');
      expect(fills).toHaveLength(oneGo.records.fillCount);
      expect(new Set(fills.map(({ event }) => event.eventId)).size).toBe(fills.length);
      // ended cleanly: nothing left to resume
      await expect(runManager.start(patchName, { mode: 'paper', resume: true })).rejects.toThrow(
        `patch "${patchName}" has no unfinished paper run to resume; start a new one`,
      );
    } finally {
      await test.stop();
    }
  }, 240_000);
});
