// Owns the runs, one per patch name: starts them from the working copy, stops them, forwards
// every accepted edit as a hot patch, feeds probe watchers after each clock tick, and publishes
// status (on every change and about once a second while running). A module that throws marks
// its run as 'error' with the reason; the process and the other runs carry on.
import { flattenPatch } from '@patchdesk/modules/patch/flatten';
import { z } from 'zod';
import type { Logger } from 'pino';
import type { RunConfig, RunStatus } from '@patchdesk/modules/contracts/hubs';
import type { Patch } from '@patchdesk/modules/patch/types';
import { isLayoutEdit } from '@patchdesk/modules/patch/types';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { PatchRejectedError } from '@patchdesk/modules/kernel/index';
import { DatasetRefusedError } from '../market/dataset-catalog';
import type { DatasetCatalog } from '../market/dataset-catalog';
import type { BarColumns } from '../market/bar-columns';
import type { WorkingCopies } from '../patches/working-copies';
import { contentHash } from '../patches/patch-files';
import type { JournalAppender, JournalWriter } from '../trading/journal/journal-writer';
import { markEnded } from '../trading/journal/paper-journals';
import type { PaperJournals } from '../trading/journal/paper-journals';
import { journaledKeys, ResumingJournal } from '../trading/journal/resuming-journal';
import { venueModelOf, venueModelSchema } from '../trading/session/paper-config';
import { TradingSession } from '../trading/session/trading-session';
import type { RunRecordings } from '../backtest/parity/run-recordings';
import type { MarketBus } from '../market/bus/market-bus';
import { inferBarIntervalMs } from './bar-replay';
import type { MarketTape } from './market-tape';
import { bindBridgeToRun, runMarketOf, type RunMarket } from './run-market';
import { runStreamsSchema } from './market-streams';
import { Run } from './run';
import { defaultTickIntervalMs } from './tick-grid';

export const statusIntervalMs = 1_000;
export const barsPerTickMax = 10_000;

export const runConfigSchema = z.strictObject({
  // a dataset id, matched against the catalog's listing; never a path
  dataset: z.string().min(1).max(200).optional(),
  barsPerTick: z.number().int().min(1).max(barsPerTickMax).optional(),
  loop: z.boolean().optional(),
  mode: z.enum(['replay', 'paper']).optional(),
  venue: venueModelSchema.optional(),
  journal: z.boolean().optional(),
  resume: z.boolean().optional(),
  streams: runStreamsSchema.optional(),
});

/** A run that cannot start (broken patch, unreadable bars): the caller can fix it. */
export class RunRefusedError extends Error {
  override readonly name = 'RunRefusedError';
}

/** A probe names an output the patch does not have. */
export class UnknownProbePortError extends Error {
  override readonly name = 'UnknownProbePortError';
}

/** `read('MODULE.PORT')`: the output's current value (bool 0/1, bar its close), NaN when absent. */
export type TickListener = (timeMs: number, read: (key: string) => number) => void;
export type StatusListener = (status: RunStatus) => void;

export interface RunManagerOptions {
  workingCopies: WorkingCopies;
  registry: ModuleRegistry;
  logger: Logger;
  /** Where a run config's dataset id is looked up ('sample' when it names none). */
  datasets: Pick<DatasetCatalog, 'load'>;
  /** Where paper runs journal their orders, fills and transfers (none: paper runs keep no journal). */
  journals?: PaperJournals | null;
  /** Where paper runs record their ticks, orders and fills for parity checks (none: not recorded). */
  recordings?: RunRecordings | null;
  /**
   * The process's market bus: a run whose config lists `streams` reads them off it through a
   * MarketBridge of its own (none: such a run is refused).
   */
  marketBus?: MarketBus | null;
  /** The bridges' staleness clock (default Date.now; tests pass their own). */
  now?: () => number;
}

interface Slot {
  run: Run | null;
  mode: 'replay' | 'paper';
  /** The paper run's trading side; kept after the run ends so its account can still be read. */
  trading: TradingSession | null;
  /** Last status of a run that ended, so getStatus still shows why it stopped. */
  final: RunStatus | null;
  lastTickMs: number;
}

export class RunManager {
  readonly registry: ModuleRegistry;
  private readonly slots = new Map<string, Slot>();
  private readonly starting = new Map<string, Promise<RunStatus>>();
  private readonly tickListeners = new Map<string, Set<TickListener>>();
  private readonly statusListeners = new Set<StatusListener>();
  private readonly stopEditForwarding: () => void;
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly closingJournals = new Set<Promise<void>>();

  constructor(private readonly options: RunManagerOptions) {
    this.registry = options.registry;
    this.stopEditForwarding = options.workingCopies.subscribe((change) => {
      if (change.kind === 'saved') return;
      // A probe toggle or a drag changes nothing the kernel reads: no hot patch for it.
      if (change.kind === 'edited' && change.edits.every(isLayoutEdit)) return;
      const run = this.slots.get(change.document.name)?.run;
      if (run?.running) this.hotPatch(run, change.document.patch);
    });
  }

  isRunning(name: string): boolean {
    return this.slots.get(name)?.run?.running === true;
  }

  /** Starts the patch's working copy; starting a running patch returns its status. */
  start(name: string, config: RunConfig = {}): Promise<RunStatus> {
    const slot = this.slots.get(name);
    if (slot?.run?.running) return Promise.resolve(withMode(slot, slot.run.status()));
    const pending = this.starting.get(name);
    if (pending) return pending;
    const started = this.startRun(name, config).finally(() => this.starting.delete(name));
    this.starting.set(name, started);
    return started;
  }

  async stop(name: string): Promise<RunStatus> {
    await this.starting.get(name)?.catch(() => undefined);
    const run = this.slots.get(name)?.run;
    if (run?.running) run.stop('stopped by request');
    return this.statusOf(name);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.starting.values()].map((pending) => pending.catch(() => undefined)));
    for (const slot of this.slots.values()) if (slot.run?.running) slot.run.stop('server shutting down');
    this.stopEditForwarding();
    this.updateHeartbeat();
  }

  status(): RunStatus[] {
    return [...this.slots.keys()].sort().map((name) => this.statusOf(name));
  }

  statusOf(name: string): RunStatus {
    const slot = this.slots.get(name);
    if (slot?.run) return withMode(slot, slot.run.status());
    return slot?.final ?? idleStatus(name);
  }

  /** The trading side of the patch's paper run (running or ended), null when it has none. */
  tradingOf(name: string): TradingSession | null {
    return this.slots.get(name)?.trading ?? null;
  }

  /** Hears every status change, and each running run's status about once a second. */
  onStatus(listener: StatusListener): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /**
   * Called after each clock tick of the patch's run, for as long as the caller watches: across
   * stops, restarts and hot patches. A port a hot patch removed reads NaN.
   */
  watchTicks(name: string, listener: TickListener): () => void {
    let listeners = this.tickListeners.get(name);
    if (!listeners) this.tickListeners.set(name, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.tickListeners.get(name) === listeners) this.tickListeners.delete(name);
    };
  }

  /** Throws UnknownProbePortError naming every port the running patch (else the working copy) lacks. */
  async checkProbePorts(name: string, ports: readonly string[]): Promise<void> {
    const patch =
      this.slots.get(name)?.run?.kernel.patch ?? (await this.options.workingCopies.get(name)).patch;
    const problems = ports.map((key) => this.probePortProblem(patch, name, key)).filter((p) => p !== null);
    if (problems.length > 0) throw new UnknownProbePortError(problems.join('; '));
  }

  private probePortProblem(patch: Patch, name: string, key: string): string | null {
    const dot = key.indexOf('.');
    const moduleId = dot < 0 ? key : key.slice(0, dot);
    const port = dot < 0 ? '' : key.slice(dot + 1);
    // Flat, so a module inside a subpatch is found by its path (`sub1/ema.out`).
    const flat = flattenPatch(patch);
    const module = (flat.ok ? flat.patch : patch).modules.find((candidate) => candidate.id === moduleId);
    if (!module) return `unknown probe port "${key}": patch "${name}" has no module "${moduleId}"`;
    const outputs = Object.keys(this.registry.get(module.type)?.outputs ?? {});
    if (outputs.includes(port)) return null;
    return `unknown probe port "${key}": module "${moduleId}" (${module.type}) has no output "${port}"; its outputs are: ${outputs.join(', ') || '(none)'}`;
  }

  private async startRun(name: string, given: RunConfig): Promise<RunStatus> {
    const mode = given.mode ?? 'replay';
    if (given.resume === true && mode !== 'paper') {
      throw new RunRefusedError(`patch "${name}": only a paper run can be resumed (mode 'paper')`);
    }
    if (mode === 'paper' && given.loop === true) {
      throw new RunRefusedError(
        `patch "${name}": a paper run cannot loop (the simulated venue cannot go back in time); start it with loop off`,
      );
    }
    const document = await this.options.workingCopies.get(name);
    const resume = given.resume === true ? await this.resumePoint(name, document.patch) : null;
    // a resumed run takes its data and venue from its journal; the pace may change
    const config: RunConfig = resume
      ? { ...resume.config, barsPerTick: given.barsPerTick ?? resume.config.barsPerTick }
      : given;
    const bars = await this.loadBars(config.dataset ?? 'sample');
    const runKey = resume?.runKey ?? Date.now().toString(36);
    const journal = mode === 'paper' ? await this.openJournal(name, runKey, document.patch, config) : null;
    let run: Run | null = null;
    let appender: JournalAppender | null = journal;
    if (resume && journal) {
      appender = new ResumingJournal(resume.keys, journal, (mismatch) => {
        this.logger(name).error({ mismatch }, 'resumed paper run does not replay its journal; stopping it');
        // not inside the tick that noticed it
        queueMicrotask(() =>
          run?.stop(
            `the replay differs from the journal at entry ${mismatch.seq} (journaled ${mismatch.journaled}, replayed ${mismatch.replayed}); the journal is left as it was`,
          ),
        );
      });
    }
    let trading: TradingSession | null = null;
    let market: RunMarket | null = null;
    try {
      trading = mode === 'paper' ? this.paperSession(name, runKey, config, appender) : null;
      market = runMarketOf(
        `run:${name}:${runKey}`,
        config,
        this.options.marketBus,
        this.options.now ?? Date.now,
        () =>
          new RunRefusedError(
            `patch "${name}": its run config lists market streams, but this server has no market bus`,
          ),
      );
    } catch (error) {
      void journal?.close();
      throw error;
    }
    try {
      run = new Run({
        patch: document.patch,
        registry: this.registry,
        bars,
        name,
        pacing: {
          kind: 'live',
          barsPerTick: config.barsPerTick ?? 1,
          loop: mode === 'paper' ? false : (config.loop ?? false),
          catchUpBars: resume ? barsThrough(bars, resume.lastAtMs) : 0,
        },
        ...(trading ? { trading } : {}),
        ...(market ? { market: market.bridge } : {}),
      });
    } catch (error) {
      void journal?.close();
      if (error instanceof PatchRejectedError) {
        throw new RunRefusedError(
          `patch "${name}" cannot run: ${error.problems.map((p) => p.message).join('; ')}`,
        );
      }
      throw error;
    }
    const slot: Slot = { run, mode, trading, final: null, lastTickMs: Number.NaN };
    this.slots.set(name, slot);
    this.wireRun(name, slot, run);
    if (market) {
      bindBridgeToRun(market.bridge, run, (stats) =>
        this.logger(name).info({ market: stats }, 'market bridge stopped'),
      );
    }
    if (journal) {
      const resuming = appender instanceof ResumingJournal ? appender : null;
      run.events.on('stopped', (status) => {
        // a run cut short before it caught up (or that diverged) stays resumable
        const clean =
          status.state === 'stopped' && (resuming === null || (resuming.caughtUp && !resuming.mismatch));
        if (clean) markEnded(journal, trading?.timeMs ?? 0, status.reason);
        this.closeJournal(name, journal);
      });
    }
    if (trading && !resume)
      await this.startRecording(
        name,
        runKey,
        document.patch,
        config,
        bars,
        run,
        trading,
        market?.tape ?? null,
      );
    void run.start();
    // an edit accepted while the bars were loading is not in document.patch; hand it over now
    const current = this.options.workingCopies.peek(name);
    if (current && current.patch !== document.patch) this.hotPatch(run, current.patch);
    this.logger(name).info({ bars: bars.length, barsPerTick: config.barsPerTick ?? 1, mode }, 'run started');
    const status = withMode(slot, run.status());
    this.publish(status);
    this.updateHeartbeat();
    return status;
  }

  private wireRun(name: string, slot: Slot, run: Run): void {
    const read = (key: string): number => {
      try {
        return run.kernel.read(key);
      } catch {
        return Number.NaN; // the port is gone after a hot patch
      }
    };
    run.events.on('tick', (timeMs) => (slot.lastTickMs = timeMs));
    run.events.on('progress', () => {
      const listeners = this.tickListeners.get(name);
      if (!listeners || Number.isNaN(slot.lastTickMs)) return;
      for (const listener of listeners) {
        try {
          listener(slot.lastTickMs, read);
        } catch (error) {
          this.logger(name).error({ err: error }, 'a probe watcher failed');
        }
      }
    });
    run.events.on('error', (reason, moduleId) =>
      this.logger(name).error({ moduleId }, `run failed: ${reason}`),
    );
    run.events.on('stopped', (ended) => {
      const status = withMode(slot, ended);
      if (slot.run === run) {
        slot.run = null;
        slot.final = status;
      }
      if (status.state !== 'error') this.logger(name).info({ reason: status.reason }, 'run stopped');
      this.publish(status);
      this.updateHeartbeat();
    });
  }

  private hotPatch(run: Run, patch: Patch): void {
    run.applyPatch(patch).then((problems) => {
      if (problems.length > 0) {
        this.logger(run.name).warn({ problems }, 'hot patch refused; the run keeps the previous patch');
      }
    });
  }

  /** Where a resumed paper run picks up: its journaled config, run key and entries. */
  private async resumePoint(name: string, patch: Patch) {
    const journals = this.options.journals;
    if (!journals)
      throw new RunRefusedError(`patch "${name}": this server keeps no journal, so nothing can be resumed`);
    const latest = await journals.latestRun(name);
    if (!latest || latest.ended) {
      throw new RunRefusedError(`patch "${name}" has no unfinished paper run to resume; start a new one`);
    }
    if (latest.meta.patchHash !== contentHash(patch)) {
      throw new RunRefusedError(
        `patch "${name}" changed since its paper run was journaled: a resume must replay the same patch; start a new run`,
      );
    }
    const run = await journals.readRun(latest.runId);
    const lastAtMs = run.records.reduce(
      (max, record) => Math.max(max, record.atMs),
      Number.NEGATIVE_INFINITY,
    );
    const parsed = runConfigSchema.safeParse(latest.meta.config);
    if (!parsed.success) throw new RunRefusedError(`patch "${name}": its journaled run config is unreadable`);
    return {
      runKey: latest.runId.slice(name.length + 1),
      config: { ...parsed.data, resume: true } as RunConfig,
      keys: journaledKeys(run),
      lastAtMs,
    };
  }

  /** The paper run's journal, unless the config turns it off or the server keeps none. */
  private async openJournal(
    name: string,
    runKey: string,
    patch: Patch,
    config: RunConfig,
  ): Promise<JournalWriter | null> {
    const journals = this.options.journals;
    if (!journals || config.journal === false) return null;
    try {
      return await journals.open(
        `${name}:${runKey}`,
        { patchName: name, patchHash: contentHash(patch), config },
        Date.now(),
      );
    } catch (error) {
      this.logger(name).error({ err: error }, 'paper run journal could not be opened');
      throw new RunRefusedError(
        `patch "${name}": the paper run's journal could not be opened (see the server log); start it with journal off to run without one`,
      );
    }
  }

  private closeJournal(name: string, journal: JournalWriter): void {
    const closing = journal
      .close()
      .then(
        () => this.logger(name).info({ entries: journal.durableSeq }, 'paper run journal closed'),
        (error: unknown) =>
          this.logger(name).error({ err: error }, 'paper run journal did not close cleanly'),
      )
      .finally(() => this.closingJournals.delete(closing));
    this.closingJournals.add(closing);
  }

  /**
   * Records the paper run for parity checks. A recording that cannot start is logged and the
   * run goes on unrecorded: parity is a check, not a reason to refuse trading. A resumed run is
   * not recorded again (its first recording holds the ticks before the crash).
   */
  private async startRecording(
    name: string,
    runKey: string,
    patch: Patch,
    config: RunConfig,
    bars: BarColumns,
    run: Run,
    trading: TradingSession,
    tape: MarketTape | null,
  ): Promise<void> {
    const recordings = this.options.recordings;
    if (!recordings) return;
    try {
      const recorder = await recordings.start({
        runId: `${name}:${runKey}`,
        patchName: name,
        patch,
        config: {
          venue: config.venue ?? {},
          runKey,
          tickIntervalMs: defaultTickIntervalMs,
          barIntervalMs: inferBarIntervalMs(bars),
          ...(tape && config.streams
            ? { market: { streams: config.streams, staleAfterMs: tape.staleAfterMs } }
            : {}),
        },
        run,
        session: trading,
        tape,
      });
      run.events.on('stopped', (status) => {
        const finishing = recorder
          .finish(status.reason)
          .then(
            () =>
              this.logger(name).info(
                {
                  ticks: recorder.ticksRecorded,
                  truncated: recorder.isTruncated,
                  meanTickCostMs: recorder.meanTickCostMs,
                },
                'paper run recording closed',
              ),
            (error: unknown) =>
              this.logger(name).error({ err: error }, 'paper run recording did not close cleanly'),
          )
          .finally(() => this.closingJournals.delete(finishing));
        this.closingJournals.add(finishing);
      });
    } catch (error) {
      this.logger(name).error(
        { err: error },
        'paper run recording could not start; the run goes on unrecorded',
      );
    }
  }

  /** Resolves once every ended paper run's journal (and recording) has written what it holds (shutdown). */
  async journalsClosed(): Promise<void> {
    await Promise.all([...this.closingJournals]);
  }

  private paperSession(
    name: string,
    runKey: string,
    config: RunConfig,
    journal: JournalAppender | null,
  ): TradingSession {
    let model;
    try {
      model = venueModelOf(config.venue ?? {});
    } catch (error) {
      throw new RunRefusedError(`patch "${name}": ${(error as Error).message}`);
    }
    const logger = this.logger(name);
    return new TradingSession({
      model,
      // client order ids carry the run's start time, so ids of two runs never collide
      runKey,
      journal,
      onInvariantBroken: (message) => logger.error({ invariant: message }, 'trading invariant broken'),
    });
  }

  private loadBars(dataset: string): Promise<BarColumns> {
    return this.options.datasets.load(dataset).catch((error: unknown) => {
      throw error instanceof DatasetRefusedError ? new RunRefusedError(error.message) : error;
    });
  }

  private publish(status: RunStatus): void {
    for (const listener of this.statusListeners) {
      try {
        listener(status);
      } catch (error) {
        this.options.logger.error({ err: error }, 'a run status listener failed');
      }
    }
  }

  private updateHeartbeat(): void {
    const anyRunning = [...this.slots.values()].some((slot) => slot.run?.running);
    if (anyRunning && !this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const slot of this.slots.values())
          if (slot.run?.running) this.publish(withMode(slot, slot.run.status()));
      }, statusIntervalMs);
      this.heartbeat.unref();
    } else if (!anyRunning && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private logger(name: string): Logger {
    return this.options.logger.child({ run: name });
  }
}

/** How many bars open at or before `timeMs` (bars are in time order). */
function barsThrough(bars: BarColumns, timeMs: number): number {
  let count = 0;
  while (count < bars.length && bars.timeMs[count] <= timeMs) count++;
  return count;
}

function withMode(slot: Slot, status: RunStatus): RunStatus {
  return slot.mode === 'paper' ? { ...status, mode: 'paper' } : status;
}

function idleStatus(name: string): RunStatus {
  return {
    patchName: name,
    state: 'stopped',
    reason: null,
    startedAtMs: null,
    barsDelivered: 0,
    tick: {
      ticks: 0,
      meanTickMs: 0,
      maxTickMs: 0,
      overruns: 0,
      lastTickAtMs: 0,
      skippedTicks: 0,
      latenessMs: { p50: 0, p99: 0, max: 0 },
    },
  };
}
