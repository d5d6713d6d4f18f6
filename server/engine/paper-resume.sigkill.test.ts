// A paper run of a shipped example, in a real server process at high replay speed, is killed
// with SIGKILL up to 20 times and resumed each time by a new server on the same database
// (StateHub.start with resume). The kills land at varied points: while the resumed run catches
// up, after it has gone further into the data, and inside a journal write (the process kills
// itself between the batch's inserts and its commit). After every kill the journal left behind
// is checked against the same run made in one go (same patch + same events => same entries):
// a prefix of it entry by entry, a ledger that rebuilds, balances and equals the one-go ledger
// at that point, and exactly the one-go run's first fills, none lost, none doubled. A failure
// names the kill that broke it. At the end a last resume runs to the end of the data and its
// ledger and fills equal the one-go run's. Embedded store (PGlite on disk) always; PostgreSQL
// when DATABASE_URL is set.
//
// Cost: spawning a server takes seconds, so the next one is spawned while the current one runs
// (a server opens its database only when a run starts, so the spare never touches it); the
// journal is read by the next server, which opens the store anyway (PGlite admits one process).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { HttpTransportType, HubConnectionBuilder, LogLevel, type HubConnection } from '@microsoft/signalr';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { hubPaths } from '@patchdesk/modules/contracts/hubs';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import { seededRandom } from '@patchdesk/modules/sdk/seeded-random';
import { makeTestStore, startTestServer } from '../main/test-server';
import type { StoreOptions } from '../store/open-store';
import { readBarCsvFile } from '../market/bar-csv';
import type { JournalEntry } from '../trading/journal/journal-entries';
import { JournalStore } from '../trading/journal/journal-store';
import { compareJournal } from '../trading/journal/paper-run/journal-report';
import { spawnServer, type ServerProcess } from '../trading/journal/paper-run/server-process';
import { stateDigest } from '../trading/journal/paper-run/state-digest';
import { venueModelOf } from '../trading/session/paper-config';
import { TradingSession } from '../trading/session/trading-session';
import { Run } from './run';

const samplePath = fileURLToPath(new URL('../../patches/data/btc-usdt-perp-1m-sample.csv', import.meta.url));
const patchName = 'atr-breakout';
// The deep run is twenty kills on each store: PATCHDESK_POSTGRES_KILLS=20 PATCHDESK_PGLITE_KILLS=20.
// The suite takes the first ten of the same plan on PostgreSQL (the store a deployment runs on):
// they hold every kind of kill at every pace and a death inside each of the three journal writes
// a mid-flush kill can land in (1, 3 and 2; kills 11-20 repeat those). PGlite, which reopens its
// whole store from disk on every restart (about 13 s a kill here), takes the first four (every
// kind, a mid-flush death included), to keep CI inside its budget.
const postgresKills = Number(process.env.PATCHDESK_POSTGRES_KILLS ?? 10);
const pgliteKills = Number(process.env.PATCHDESK_PGLITE_KILLS ?? 4);
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
  kills: number;
  args: string[];
  database: StoreOptions;
}
const targets: Target[] = [
  {
    name: 'embedded (PGlite on disk)',
    kills: pgliteKills,
    args: ['--db', join(workDir, 'db')],
    database: { dataDir: join(workDir, 'db') },
  },
];
if (databaseUrl || process.env.CI === 'true') {
  targets.push({
    name: 'PostgreSQL',
    kills: postgresKills,
    args: ['--database-url', databaseUrl ?? 'missing', '--schema', schema],
    database: { databaseUrl: databaseUrl ?? 'missing', schema },
  });
}

/** Where kill k lands, and the pace of the run it kills (bars per 100 ms tick). */
interface KillPlan {
  kind: 'catching-up' | 'further-on' | 'mid-flush';
  barsPerTick: number;
  /** catching-up: ms after start; further-on: bars past the furthest so far; mid-flush: which write. */
  amount: number;
}

function killPlans(seed: number, kills: number): KillPlan[] {
  const random = seededRandom(seed);
  const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return Array.from({ length: kills }, (_, k): KillPlan => {
    const barsPerTick = [20, 40, 80][k % 3];
    if (k % 4 === 1) return { kind: 'mid-flush', barsPerTick, amount: pick(1, 3) };
    if (k % 4 === 3) return { kind: 'catching-up', barsPerTick, amount: pick(0, 400) };
    return { kind: 'further-on', barsPerTick, amount: pick(60, 180) };
  });
}

async function connect(url: string): Promise<HubConnection> {
  const connection = new HubConnectionBuilder()
    .withUrl(`${url}${hubPaths.state}`, { transport: HttpTransportType.WebSockets })
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  return connection;
}

/** The same run made in one go (virtual pacing, the crashed run's key): its journal and ledger. */
async function runInOneGo(runKey: string) {
  const parsed = parsePatchJson(
    readFileSync(new URL(`../../patches/${patchName}.json`, import.meta.url), 'utf8'),
  );
  if (!parsed.ok) throw new Error('example patch does not parse');
  const entries: JournalEntry[] = [];
  const journal = {
    append(group: readonly JournalEntry[]) {
      entries.push(...group);
      return { ok: true as const, firstSeq: entries.length - group.length + 1, lastSeq: entries.length };
    },
  };
  const session = new TradingSession({ model: venueModelOf({}), runKey, journal });
  const run = new Run({
    patch: parsed.patch,
    registry: createBuiltinRegistry(),
    bars: await readBarCsvFile(samplePath),
    pacing: { kind: 'virtual' },
    trading: session,
  });
  await run.start();
  return { session, entries };
}

const runKeyOf = (runId: string) => runId.slice(patchName.length + 1);

/** Lets the run go as the plan says, then it dies (killed, or by its own hand mid-flush). */
async function killAsPlanned(plan: KillPlan, server: ServerProcess, state: HubConnection, furthest: number) {
  let seen = furthest;
  if (plan.kind === 'catching-up') {
    await new Promise((resolve) => setTimeout(resolve, plan.amount));
  } else if (plan.kind === 'further-on') {
    await vi.waitFor(
      async () => {
        const [status] = (await state.invoke<RunStatus[]>('getStatus')).filter(
          (s) => s.patchName === patchName,
        );
        expect(status.state).toBe('running');
        seen = status.barsDelivered;
        expect(seen).toBeGreaterThan(furthest + plan.amount);
      },
      { timeout: 60_000, interval: 25 },
    );
  } else {
    await Promise.race([server.dyingMidFlush, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  }
  const signal = await server.kill();
  expect(signal, server.stderr()).toBe('SIGKILL');
  return seen;
}

describe.each(targets)('a paper run killed with SIGKILL resumes from its journal ($name)', (target) => {
  it(`resumes after each of ${target.kills} kills with a balanced ledger and exactly the fills of an uninterrupted run`, async () => {
    if (target.database.databaseUrl === 'missing') throw new Error('DATABASE_URL is required under CI=true');
    const storeDir = makeTestStore();
    const kills = target.kills;
    const plans = killPlans(20_261_205, kills);
    if (kills >= 10) {
      // the comment's claim about the plan: a death inside each journal write a kill can hit
      const writes = plans.filter((plan) => plan.kind === 'mid-flush').map((plan) => plan.amount);
      expect(new Set(writes)).toEqual(new Set([1, 2, 3]));
    }
    const argsOf = (plan: KillPlan | undefined) => [
      '--store',
      storeDir,
      ...target.args,
      ...(plan?.kind === 'mid-flush' ? ['--die-in-journal-write', String(plan.amount)] : []),
    ];
    let oneGo: Awaited<ReturnType<typeof runInOneGo>> | null = null;
    let current = spawnServer(argsOf(plans[0]));
    let furthest = 0;
    let journaledBefore = 0;
    const midFlushDeaths: number[] = [];
    try {
      for (let k = 0; k < kills; k++) {
        const plan = plans[k];
        const label = `kill ${k + 1} of ${kills} (${plan.kind} ${plan.amount}, ${plan.barsPerTick} bars/tick)`;
        const state = await connect(await current.url);
        const config = { mode: 'paper', barsPerTick: plan.barsPerTick, ...(k > 0 ? { resume: true } : {}) };
        const started = await state.invoke<RunStatus>('start', patchName, config);
        expect(started.state, label).toBe('running');
        // the next server starts while this one runs; it waits, the store untouched
        const next = spawnServer(argsOf(plans[k + 1]));
        let dyingMidFlush = false;
        void current.dyingMidFlush.then(() => (dyingMidFlush = true));
        furthest = Math.max(furthest, await killAsPlanned(plan, current, state, furthest));
        await state.stop().catch(() => undefined);
        if (plan.kind === 'mid-flush') {
          expect(dyingMidFlush, `${label}: the server did not reach its journal write`).toBe(true);
          midFlushDeaths.push(k + 1);
        }
        current = next;

        // what the killed run left, read by the next server, against the one-go run
        const journaled = await current.journal(patchName);
        expect(journaled, label).not.toBeNull();
        oneGo ??= await runInOneGo(runKeyOf(journaled!.runId));
        const report = compareJournal(journaled!, oneGo.entries);
        expect(report.problems, label).toEqual([]);
        expect(report.balanced, label).toBe(true);
        // nothing that was durable is ever lost
        expect(report.lastSeq, label).toBeGreaterThanOrEqual(journaledBefore);
        journaledBefore = report.lastSeq;
      }
      await current.kill();
      expect(midFlushDeaths).toHaveLength(plans.filter((plan) => plan.kind === 'mid-flush').length);
      expect(journaledBefore).toBeGreaterThan(0);

      // the last resume runs in-process to the end of the data
      const test = await startTestServer({ storeDir, database: target.database });
      try {
        const { runManager } = test.server;
        await runManager.start(patchName, { mode: 'paper', resume: true, barsPerTick: 1_000 });
        await vi.waitFor(() => expect(runManager.isRunning(patchName)).toBe(false), {
          timeout: 60_000,
          interval: 50,
        });
        expect(runManager.statusOf(patchName).reason).toBe('end of bars');
        await runManager.journalsClosed();
        const resumed = runManager.tradingOf(patchName)!;
        const db = (await test.server.database!.get()).db;
        const runs = await db.selectFrom('journal_runs').select('run_id').execute();
        expect(runs).toHaveLength(1); // every restart continued the same run
        const whole = await new JournalStore(db).readRun(runs[0].run_id);
        // the clean-end mark is the run manager's, not the session's: set it aside
        const ended = whole.records.filter((r) => r.kind === 'run');
        expect(ended.map((r) => r.seq)).toEqual([whole.lastSeq]);
        whole.records = whole.records.filter((r) => r.kind !== 'run');
        whole.lastSeq -= 1;
        const report = compareJournal(whole, oneGo!.entries);
        expect(report.problems).toEqual([]);
        expect(report.lastSeq).toBe(oneGo!.entries.length);
        expect(report.fills).toBe(oneGo!.session.records.fillCount);
        expect(report.fills).toBeGreaterThan(0);
        expect(stateDigest(resumed.accounting)).toEqual(stateDigest(oneGo!.session.accounting));
        await expect(runManager.start(patchName, { mode: 'paper', resume: true })).rejects.toThrow(
          `patch "${patchName}" has no unfinished paper run to resume; start a new one`,
        );
      } finally {
        await test.stop();
      }
    } finally {
      await current.kill();
    }
  }, 300_000);
});
