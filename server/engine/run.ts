// A run: one patch in a kernel, fed bars by a replay, driven by a clock.
//
// In a replay the kernel's clock is the data's clock: each bar is delivered at the tick of its
// close time (see bar-replay.ts), and wake-ups in between are visited too. Two pacings:
// - virtual: as fast as possible (or at a speed factor), for backtests and `patchdesk run`;
// - live: the 10 Hz wall clock delivers the next `barsPerTick` bars each tick, so probes move
//   visibly in the editor. At the end of the data it stops, or with `loop` starts another pass:
//   a fresh kernel (modules start over) replaying the data's own times, so no time is invented
//   and no indicator sees a jump from the last close to the first (the demo loops).
// Both visit exactly the same (time, bar) sequence, which is what makes a live replay and a
// backtest bit-identical. A module that throws stops the run with status 'error'; it never
// takes the process down.
import { runEndedReason, type RunStatus } from '@patchdesk/modules/contracts/hubs';
import { Kernel } from '@patchdesk/modules/kernel/index';
import type { HotPatchJob, KernelApi } from '@patchdesk/modules/kernel/types';
import type { Patch, Problem } from '@patchdesk/modules/patch/types';
import type { Bar } from '@patchdesk/modules/sdk/ports';
import type { TradingFeed } from '@patchdesk/modules/sdk/trading-feed';
import type { ModuleRegistry } from '@patchdesk/modules/sdk/registry';
import { barColumnsFrom, type BarColumns } from '../market/bar-columns';
import { BarReplay, StreamedBarReplay, type BarFeed } from './bar-replay';
import type { RunMarket } from './market-replay';
import { systemClockDriver, type ClockDriver } from './clock-driver';
import { LiveClock } from './live-clock';
import { defaultTickIntervalMs } from './tick-grid';
import { TickStatsRecorder, type TickStats } from './tick-stats';
import { TypedEmitter } from './typed-emitter';
import { VirtualClock } from './virtual-clock';

export type RunPacing =
  /** `speed`: virtual ms per wall ms (default Infinity). `everyTick`: visit idle ticks too. */
  | { kind: 'virtual'; speed?: number; everyTick?: boolean }
  /**
   * `barsPerTick` (default 1) bars per 100 ms wall tick; `loop` (default false) starts another
   * pass over the data at its end, with a fresh kernel. `catchUpBars`: the first that many bars
   * go by fast (catchUpBarsPerTick a tick) before the paced ones: a resumed paper run replays
   * what its journal already holds.
   */
  | { kind: 'live'; barsPerTick?: number; loop?: boolean; catchUpBars?: number };

/**
 * The bars of a run: held in columns (or objects, converted to columns once), or streamed as
 * chunks of columns (a backtest over a file too large to hold; virtual pacing only).
 */
export type RunBars = BarColumns | readonly Bar[] | AsyncIterable<BarColumns>;

export interface RunOptions {
  patch: Patch;
  registry: ModuleRegistry;
  bars: RunBars;
  pacing: RunPacing;
  /** Shown in the status; defaults to the patch's name. */
  name?: string;
  tickIntervalMs?: number;
  /** Inferred from the bars when left out. */
  barIntervalMs?: number;
  driver?: ClockDriver;
  /**
   * The run's trading side (paper or backtest): its feed is set on the kernel once, and it is
   * called around every kernel tick (see server/trading/session/trading-session.ts).
   */
  trading?: RunTrading;
  /**
   * Market events for the patch's market sources: its feed is set on the kernel once and it
   * writes the events due before each kernel tick. A MarketReplay of recorded history: virtual
   * pacing with held bars only (its events are ticks of their own; a streamed backtest would
   * run ahead of its next chunk). A MarketBridge off the market bus (`live`): live pacing only;
   * it writes what arrived since the previous kernel tick. The caller starts and stops it.
   */
  market?: RunMarket;
}

export interface RunTrading {
  readonly feed: TradingFeed;
  /** Before the kernel tick that delivers `bar` (null on a wake-up tick). */
  beforeTick(timeMs: number, bar: Bar | null): void;
  /** After the kernel tick: the tick's intents leave the outbox. */
  afterTick(timeMs: number): void;
}

export interface RunEvents {
  /**
   * After each kernel tick: its time and the bar delivered in it (null on a wake-up tick). The
   * bar is a fresh object the kernel may pass on; it is never reused.
   */
  tick: (timeMs: number, bar: Bar | null) => void;
  /**
   * A hot patch went in: `patch` runs from the tick at `beforeTickMs` on (null: the run was
   * ending, no tick of it follows). Run recordings note it (server/backtest/parity).
   */
  patched: (patch: Patch, beforeTickMs: number | null) => void;
  /** After each live clock tick, or each slice of a virtual run. */
  progress: (status: RunStatus) => void;
  /** The run failed; `moduleId` names the module that threw, when known. */
  error: (reason: string, moduleId: string | null) => void;
  stopped: (status: RunStatus) => void;
}

export const endOfBarsReason = runEndedReason;
const barsPerTickMax = 10_000;
/** Bars a catching-up live tick delivers: large enough to be quick, small enough to keep ticks short. */
export const catchUpBarsPerTick = 5_000;

/**
 * The newest hot patch waiting for the next tick boundary. Edits that arrive within one tick
 * (or while a large patch compiles) replace `patch` and share `outcome`: only the newest state
 * is compiled, so a burst of edits costs one compile, and the queue holds one entry however
 * long the burst.
 */
interface PendingPatch {
  patch: Patch;
  outcome: Promise<Problem[]>;
  settle: (problems: Problem[]) => void;
}

/** A large patch being compiled between ticks of a live run. */
interface PreparingPatch extends PendingPatch {
  job: HotPatchJob;
}

/**
 * Patches with more modules and cables than this are compiled off the tick in a live run (a
 * 10,000-module patch takes about 300 ms to compile: three ticks); smaller ones compile at the
 * tick boundary in well under a millisecond, and go in at the very next tick.
 */
export const offTickCompileMinSize = 1_000;
/** Work per turn of the event loop on an off-tick compile: ticks wait at most this (plus one slice). */
const compileSliceBudgetMs = 4;

export class Run {
  readonly name: string;
  readonly events: TypedEmitter<RunEvents>;
  /** The kernel of the current pass (a looping live replay starts a new one each pass). */
  private currentKernel: KernelApi;
  private replay: BarFeed;
  /** The same replay when the bars are held (live runs need to look ahead), else null. */
  private heldReplay: BarReplay | null = null;
  /** The same replay when the bars are streamed, else null. */
  private readonly streamedReplay: StreamedBarReplay | null = null;
  private readonly barStream: AsyncIterable<BarColumns> | null = null;
  /** The bars, when held (each pass of a looping live replay starts over on them). */
  private heldColumns: BarColumns | null = null;
  private virtual: VirtualClock;
  private readonly driver: ClockDriver;
  /** Live replay passes over the data: 1, 2, ... (each with a fresh kernel when looping). */
  private pass = 1;
  /** Bars delivered by the passes before this one. */
  private barsInEarlierPasses = 0;
  private readonly barsPerTick: number;
  private readonly trading: RunTrading | null;
  private readonly market: RunMarket | null;
  private live: LiveClock | null = null;
  private readonly virtualStats = new TickStatsRecorder();
  private pendingPatch: PendingPatch | null = null;
  private preparing: PreparingPatch | null = null;
  private compileTurnScheduled = false;
  private state: RunStatus['state'] = 'stopped';
  private reason: string | null = null;
  private startedAtMs: number | null = null;
  private finished: Promise<RunStatus> | null = null;
  private resolveFinished: (status: RunStatus) => void = () => {};

  constructor(private readonly options: RunOptions) {
    const { pacing } = options;
    const tickIntervalMs = options.tickIntervalMs ?? defaultTickIntervalMs;
    this.name = options.name ?? options.patch.name;
    this.driver = options.driver ?? systemClockDriver;
    this.barsPerTick = pacing.kind === 'live' ? (pacing.barsPerTick ?? 1) : 1;
    if (!Number.isInteger(this.barsPerTick) || this.barsPerTick < 1 || this.barsPerTick > barsPerTickMax) {
      throw new Error(
        `run ${this.name}: barsPerTick must be an integer in [1, ${barsPerTickMax}], got ${this.barsPerTick}`,
      );
    }
    this.events = new TypedEmitter<RunEvents>((error, event) =>
      this.fail(new Error(`a "${event}" listener threw: ${messageOf(error)}`)),
    );
    this.trading = options.trading ?? null;
    this.market = options.market ?? null;
    if (this.market?.live === true) {
      // The bus delivers when events happen: pacing them by the data's clock would be a lie.
      if (pacing.kind !== 'live')
        throw new Error(`run ${this.name}: live market data needs live pacing, not a virtual run`);
    } else if (this.market && (pacing.kind === 'live' || isBarStream(options.bars))) {
      throw new Error(`run ${this.name}: market events replay in virtual runs over held bars only`);
    }
    this.currentKernel = this.newKernel(options.patch);
    const { bars } = options;
    if (isBarStream(bars)) {
      if (pacing.kind === 'live')
        throw new Error(`run ${this.name}: a live run needs its bars held, not streamed`);
      this.barStream = bars;
      this.replay = this.streamedReplay = new StreamedBarReplay({
        tickIntervalMs,
        barIntervalMs: options.barIntervalMs,
      });
    } else {
      // Never the replay's own loop: it shifts each lap's times past the data's end.
      this.heldColumns = isBarArray(bars) ? barColumnsFrom(bars) : bars;
      this.replay = this.heldReplay = this.newHeldReplay(this.heldColumns);
    }
    this.virtual = this.newVirtualClock();
  }

  /** Constructed from the patch: throws PatchRejectedError (with .problems) for a broken one. */
  get kernel(): KernelApi {
    return this.currentKernel;
  }

  private get loops(): boolean {
    const { pacing } = this.options;
    return pacing.kind === 'live' && pacing.loop === true && (this.heldColumns?.length ?? 0) > 0;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  get barsDelivered(): number {
    return this.barsInEarlierPasses + this.replay.delivered;
  }

  private newKernel(patch: Patch): KernelApi {
    const kernel = new Kernel(patch, this.options.registry, {
      tickIntervalMs: this.options.tickIntervalMs ?? defaultTickIntervalMs,
    });
    this.installFeeds(kernel);
    return kernel;
  }

  /** Every feed set once on a kernel (the bar feed is set each tick): a new pass's kernel too. */
  private installFeeds(kernel: KernelApi): void {
    if (this.trading) kernel.feeds.trading = this.trading.feed;
    if (this.market) kernel.feeds.market = this.market.feed;
  }

  private newHeldReplay(columns: BarColumns): BarReplay {
    return new BarReplay(columns, {
      tickIntervalMs: this.options.tickIntervalMs ?? defaultTickIntervalMs,
      barIntervalMs: this.options.barIntervalMs,
    });
  }

  private newVirtualClock(): VirtualClock {
    const { pacing } = this.options;
    return new VirtualClock({
      tickIntervalMs: this.options.tickIntervalMs ?? defaultTickIntervalMs,
      everyTick: pacing.kind === 'virtual' && pacing.everyTick === true,
      schedule: {
        nextEventMs: () => Math.min(this.replay.nextEventMs(), this.market?.nextEventMs() ?? Infinity),
        nextWakeMs: () => this.kernel.nextWakeMs(),
      },
      onTick: this.stepKernel,
    });
  }

  /**
   * A looping live replay reached the end of the data: the next pass replays it from the first
   * bar, at its own times, in a fresh kernel built from the newest patch (edits given meanwhile
   * go in first), so modules start over instead of seeing time jump back.
   */
  private startNextPass(): void {
    this.swapPatchesAtEnd();
    const columns = this.heldColumns as BarColumns; // live runs hold their bars
    this.barsInEarlierPasses += this.replay.delivered;
    this.currentKernel = this.newKernel(this.kernel.patch);
    this.replay = this.heldReplay = this.newHeldReplay(columns);
    this.virtual = this.newVirtualClock();
    this.pass += 1;
  }

  /** Start; resolves with the final status when the run ends (end of bars, stop() or error). */
  start(): Promise<RunStatus> {
    if (this.finished) return this.finished;
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.state = 'running';
    // Timestamps are integer UTC milliseconds everywhere (STYLE.md); the driver may be sub-ms.
    this.startedAtMs = Math.round(this.driver.nowMs());
    const { pacing } = this.options;
    if (pacing.kind === 'live') {
      this.live = new LiveClock({
        tickIntervalMs: this.virtual.tickIntervalMs,
        driver: this.driver,
        onTick: this.liveTick,
        afterTick: () => {
          // Progress first, also after the last bar: probe watchers see its values.
          this.events.emit('progress', this.status());
          if (this.replay.finished && !this.loops) this.end('stopped', endOfBarsReason);
        },
        onError: (error) => this.fail(error),
      });
      this.live.start();
    } else {
      this.runVirtual(pacing.speed).then(
        () => this.end('stopped', endOfBarsReason),
        (error: unknown) => this.fail(error),
      );
    }
    return this.finished;
  }

  /** Visit ticks as fast as allowed; with streamed bars, one chunk at a time as it is read. */
  private async runVirtual(speed: number | undefined): Promise<void> {
    const slices = {
      speed,
      driver: this.driver,
      onSlice: (ticks: number, durationMs: number) => {
        this.virtualStats.recordBatch(this.virtual.timeMs, ticks, durationMs);
        this.events.emit('progress', this.status());
      },
    };
    const streamed = this.streamedReplay;
    if (!this.barStream || !streamed) {
      await this.virtual.run(slices);
      return;
    }
    const chunks = this.barStream[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = await chunks.next();
        if (!this.running) return;
        if (next.done) break;
        streamed.append(next.value);
        // Returns once the chunk is delivered: the next tick cannot be known before the next
        // chunk (a wake-up before its first bar is visited after it arrives, in time order).
        await this.virtual.run(slices);
        if (!this.running) return;
      }
      streamed.close();
    } finally {
      // Stopped or failed early: let the source close its file.
      if (!streamed.finished) await chunks.return?.();
    }
  }

  stop(reason: string | null = null): void {
    this.end('stopped', reason);
  }

  /**
   * Hot patch: applied before the next kernel tick (at once when not running). Resolves with
   * the problems that refused it, or [] when applied; modules left unchanged keep their state.
   * Patches given within one tick coalesce: only the last is compiled, and every caller gets
   * its outcome (each edit is a state of the same working copy; the last one includes the rest).
   *
   * In a live run a large patch (see offTickCompileMinSize) is compiled off the tick: in
   * slices between ticks while the running plan keeps ticking, swapped in at the first tick
   * boundary after it is ready. Edits arriving meanwhile wait (coalesced) for that swap, so a
   * stream of edits never starves the compile. Virtual runs always swap at the next tick: a
   * backtest's outputs must not depend on how fast the machine compiles. A run that ends
   * first applies what it was given, or, when compiling threw and failed the run, resolves [].
   */
  applyPatch(patch: Patch): Promise<Problem[]> {
    if (!this.running) return Promise.resolve(this.kernel.setPatch(patch));
    if (this.pendingPatch) {
      this.pendingPatch.patch = patch;
      return this.pendingPatch.outcome;
    }
    let settle: (problems: Problem[]) => void = () => {};
    const outcome = new Promise<Problem[]>((resolve) => (settle = resolve));
    this.pendingPatch = { patch, outcome, settle };
    this.startOffTickCompile();
    return outcome;
  }

  stats(): TickStats {
    return this.live ? this.live.stats() : this.virtualStats.snapshot();
  }

  status(): RunStatus {
    const { ticks, meanTickMs, maxTickMs, overruns, lastTickAtMs, skippedTicks, latenessMs } = this.stats();
    return {
      patchName: this.name,
      state: this.state,
      reason: this.reason,
      startedAtMs: this.startedAtMs,
      barsDelivered: this.barsDelivered,
      tick: { ticks, meanTickMs, maxTickMs, overruns, lastTickAtMs, skippedTicks, latenessMs },
      ...(this.options.pacing.kind === 'live' ? { pass: this.pass } : {}),
    };
  }

  /** One wall-clock tick of a live replay: the next barsPerTick bars and the wake-ups among them. */
  private readonly liveTick = (): boolean => {
    // A looping replay that reached the end starts its next pass on this tick.
    if (this.replay.finished && this.loops) this.startNextPass();
    // The constructor refuses a live run without held bars.
    const { pacing } = this.options;
    const behind = (pacing.kind === 'live' ? (pacing.catchUpBars ?? 0) : 0) - this.replay.delivered;
    const bars = behind > 0 ? Math.min(behind, catchUpBarsPerTick) : this.barsPerTick;
    this.virtual.runUntil((this.heldReplay as BarReplay).deliveryTimeMs(bars - 1));
    return !this.replay.finished || this.loops;
  };

  private readonly stepKernel = (timeMs: number): void => {
    if (this.preparing || this.pendingPatch) this.swapPatchesAtBoundary(false, timeMs);
    const bar = this.replay.take(timeMs);
    this.kernel.feeds.bar = bar;
    this.market?.beforeTick(timeMs);
    const trading = this.trading;
    if (trading) trading.beforeTick(timeMs, bar);
    this.kernel.tick(timeMs);
    if (trading) trading.afterTick(timeMs);
    // Checked first so that a run nobody listens to allocates nothing per tick.
    if (this.events.hasListeners('tick')) this.events.emit('tick', timeMs, bar);
  };

  /**
   * At a tick boundary: swap in a finished off-tick compile, then the pending patch when it is
   * small (or `all`: the run is ending), else start compiling it off the tick.
   */
  private swapPatchesAtBoundary(all: boolean, beforeTickMs: number | null): void {
    const preparing = this.preparing;
    if (preparing) {
      if (!all && !preparing.job.done) return; // keep ticking the running plan meanwhile
      this.preparing = null;
      this.settlePatch(preparing, this.kernel.applyPrepared(preparing.job), beforeTickMs);
    }
    const pending = this.pendingPatch;
    if (!pending) return;
    if (!all && this.compilesOffTick(pending.patch)) {
      this.startOffTickCompile();
      return;
    }
    this.pendingPatch = null;
    this.settlePatch(pending, this.kernel.setPatch(pending.patch), beforeTickMs);
  }

  private settlePatch(given: PendingPatch, problems: Problem[], beforeTickMs: number | null): void {
    given.settle(problems);
    if (problems.length === 0 && this.events.hasListeners('patched')) {
      this.events.emit('patched', this.kernel.patch, beforeTickMs);
    }
  }

  /**
   * The run is ending: what was given still goes in, so the patch the run holds is the newest.
   * When compiling throws (the run is failing because of it), the callers are told [] and the
   * run's status says why.
   */
  private swapPatchesAtEnd(): void {
    const outstanding = [this.preparing, this.pendingPatch];
    try {
      this.swapPatchesAtBoundary(true, null);
    } catch {
      // settling an already settled outcome changes nothing
      for (const left of outstanding) left?.settle([]);
      this.preparing = null;
      this.pendingPatch = null;
    }
  }

  private compilesOffTick(patch: Patch): boolean {
    return this.live !== null && patch.modules.length + patch.cables.length >= offTickCompileMinSize;
  }

  /** Moves a large pending patch into an off-tick compile, unless one is already under way. */
  private startOffTickCompile(): void {
    const pending = this.pendingPatch;
    if (this.preparing || !pending || !this.compilesOffTick(pending.patch)) return;
    this.pendingPatch = null;
    this.preparing = { ...pending, job: this.kernel.prepareHotPatch(pending.patch) };
    this.scheduleCompileTurn();
  }

  private scheduleCompileTurn(): void {
    if (this.compileTurnScheduled) return;
    this.compileTurnScheduled = true;
    // setImmediate runs after the timers of this turn of the event loop: a tick due now goes
    // first, and waits at most one turn's budget otherwise.
    setImmediate(this.compileTurn);
  }

  private readonly compileTurn = (): void => {
    this.compileTurnScheduled = false;
    const preparing = this.preparing;
    if (!preparing || !this.running) return;
    const deadline = performance.now() + compileSliceBudgetMs;
    try {
      if (!preparing.job.advance(() => performance.now() > deadline)) this.scheduleCompileTurn();
    } catch (error) {
      this.fail(error);
    }
  };

  private fail(error: unknown): void {
    if (!this.running) return;
    const moduleId = moduleIdOf(error);
    // A ModuleStepError's message already names the module, its type and the tick.
    const reason = messageOf(error);
    this.end('error', reason, () => this.events.emit('error', reason, moduleId));
  }

  private end(state: RunStatus['state'], reason: string | null, beforeStopped?: () => void): void {
    if (!this.running) return;
    this.state = state;
    this.reason = reason;
    this.live?.stop();
    this.virtual.stop();
    this.swapPatchesAtEnd();
    beforeStopped?.();
    const status = this.status();
    this.events.emit('stopped', status);
    this.resolveFinished(status);
  }
}

function isBarStream(bars: RunBars): bars is AsyncIterable<BarColumns> {
  return typeof (bars as Partial<AsyncIterable<BarColumns>>)[Symbol.asyncIterator] === 'function';
}

function isBarArray(bars: BarColumns | readonly Bar[]): bars is readonly Bar[] {
  return Array.isArray(bars);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The kernel names the module that threw on its error (as `moduleId`) when it can. */
function moduleIdOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const moduleId = (error as { moduleId?: unknown }).moduleId;
  return typeof moduleId === 'string' ? moduleId : null;
}
