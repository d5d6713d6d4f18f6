// The people's side of paper trading, shared by TradeHub and RiskHub: finds the trading session
// of a patch's paper run, answers snapshots, streams frames and risk events until the run
// ends, and carries out commands (cancel, flatten, kill switch, dead-man switch) between ticks.
import type {
  DeadManStatus,
  KillSwitchOptions,
  KillSwitchReport,
  TradeOrder,
  TradeRiskEvent,
  TradingFrame,
  TradingSnapshot,
} from '@patchdesk/modules/contracts/trading';
import type { RunStatus } from '@patchdesk/modules/contracts/hubs';
import type { Logger } from 'pino';
import type { TradingSession } from '../session/trading-session';
import { DeadManSwitch, realTimers } from './dead-man-switch';
import type { WallTimers } from './dead-man-switch';
import { mergeFrames } from './frame-merge';
import { tradingSnapshotOf } from './trading-snapshot';

/** A command or question the caller can fix (no paper run, an order that is not working). */
export class TradingRefusedError extends Error {
  override readonly name = 'TradingRefusedError';
}

/** What the desk needs of the run manager. */
export interface PaperRuns {
  tradingOf(name: string): TradingSession | null;
  isRunning(name: string): boolean;
  stop(name: string): Promise<RunStatus>;
  onStatus(listener: (status: RunStatus) => void): () => void;
  /** Called after each clock tick of the patch's run. */
  watchTicks(name: string, listener: () => void): () => void;
}

export interface StreamHandlers<T> {
  push(item: T): void;
  end(error?: Error): void;
}

export class TradingDesk {
  readonly #deadMen = new Map<string, DeadManSwitch>();

  constructor(
    private readonly runs: PaperRuns,
    private readonly logger: Logger,
    private readonly timers: WallTimers = realTimers,
  ) {}

  snapshot(name: string): TradingSnapshot {
    return tradingSnapshotOf(this.#session(name), name, this.deadManStatus(name));
  }

  /** A snapshot, then a frame per tick with changes, until the run ends; returns the unsubscribe. */
  streamFrames(name: string, sink: StreamHandlers<TradingSnapshot | TradingFrame>): () => void {
    const session = this.#session(name);
    sink.push(tradingSnapshotOf(session, name, this.deadManStatus(name)));
    // the session publishes per bar; the client hears once per clock tick
    let pending: TradingFrame | null = null;
    const flush = (): void => {
      if (pending) sink.push(pending);
      pending = null;
    };
    const ending: StreamHandlers<TradingSnapshot | TradingFrame> = {
      push: (item) => sink.push(item),
      end: (error) => {
        flush();
        sink.end(error);
      },
    };
    return this.#untilRunEnds(name, session, ending, () => {
      const stopFrames = session.onFrame((frame) => {
        const named = { ...frame, patchName: name };
        pending = pending ? mergeFrames(pending, named) : named;
      });
      const stopTicks = this.runs.watchTicks(name, flush);
      return () => {
        stopFrames();
        stopTicks();
      };
    });
  }

  /** The risk events still kept, then live ones, until the run ends. */
  streamRiskEvents(name: string, sink: StreamHandlers<TradeRiskEvent>): () => void {
    const session = this.#session(name);
    for (const event of session.riskEvents()) sink.push(event);
    return this.#untilRunEnds(name, session, sink, () => session.onRisk((event) => sink.push(event)));
  }

  cancelOrder(name: string, clientOrderId: string): TradeOrder {
    const session = this.#runningSession(name);
    const order = session.cancelOrder(clientOrderId);
    if (order === null) {
      throw new TradingRefusedError(
        `patch "${name}": order "${clientOrderId}" is not working (filled, cancelled or unknown)`,
      );
    }
    return order;
  }

  flatten(name: string, symbol: string): TradeOrder | null {
    const session = this.#runningSession(name);
    if (symbol !== session.symbol) {
      throw new TradingRefusedError(
        `patch "${name}" trades ${session.symbol}; there is no position in "${symbol}"`,
      );
    }
    return session.flatten(symbol);
  }

  async killSwitch(
    name: string,
    options: KillSwitchOptions = {},
    source = 'kill switch',
  ): Promise<KillSwitchReport> {
    const session = this.#session(name);
    const running = this.runs.isRunning(name);
    // an ended run has no working orders and cannot fill a flatten order: only the switch is set
    const { canceledOrders, flattenOrders } = session.kill({
      flatten: running && (options.flatten ?? true),
      source,
    });
    let runStopped = false;
    if (options.stopRun === true && running) {
      await this.runs.stop(name);
      runStopped = true;
    }
    this.logger.warn({ run: name, source, canceledOrders, flattenOrders, runStopped }, 'kill switch');
    return { canceledOrders, flattenOrders, runStopped };
  }

  resetKillSwitch(name: string): boolean {
    this.#session(name).resetKillSwitch();
    this.logger.info({ run: name }, 'kill switch reset');
    return true;
  }

  armDeadMan(name: string, timeoutSeconds: number): DeadManStatus {
    this.#runningSession(name);
    let deadMan = this.#deadMen.get(name);
    if (!deadMan) {
      deadMan = new DeadManSwitch(() => this.#deadManExpired(name), this.timers);
      this.#deadMen.set(name, deadMan);
    }
    try {
      return deadMan.arm(timeoutSeconds);
    } catch (error) {
      throw new TradingRefusedError((error as Error).message);
    }
  }

  heartbeat(name: string): DeadManStatus {
    return this.#deadMen.get(name)?.heartbeat() ?? this.deadManStatus(name);
  }

  disarmDeadMan(name: string): DeadManStatus {
    return this.#deadMen.get(name)?.disarm() ?? this.deadManStatus(name);
  }

  deadManStatus(name: string): DeadManStatus {
    return this.#deadMen.get(name)?.status() ?? { armed: false, timeoutSeconds: null, deadlineAtMs: null };
  }

  /** Disarms every dead-man switch (server shutdown). */
  close(): void {
    for (const deadMan of this.#deadMen.values()) deadMan.disarm();
  }

  #deadManExpired(name: string): void {
    if (this.runs.tradingOf(name) === null) return;
    void this.killSwitch(name, { flatten: true }, 'dead-man switch').catch((error: unknown) =>
      this.logger.error({ run: name, err: error }, 'dead-man switch could not fire the kill switch'),
    );
  }

  #untilRunEnds<T>(
    name: string,
    session: TradingSession,
    sink: StreamHandlers<T>,
    listen: () => () => void,
  ): () => void {
    if (!this.runs.isRunning(name) || this.runs.tradingOf(name) !== session) {
      sink.end();
      return () => undefined;
    }
    const stopListening = listen();
    const stopWatching = this.runs.onStatus((status) => {
      if (status.patchName === name && status.state !== 'running') sink.end();
    });
    return () => {
      stopListening();
      stopWatching();
    };
  }

  #session(name: string): TradingSession {
    const session = this.runs.tradingOf(name);
    if (session === null) {
      throw new TradingRefusedError(
        `patch "${name}" has no paper run; start one with mode 'paper' to trade it on the simulated venue`,
      );
    }
    return session;
  }

  #runningSession(name: string): TradingSession {
    const session = this.#session(name);
    if (!this.runs.isRunning(name)) throw new TradingRefusedError(`patch "${name}": its paper run has ended`);
    return session;
  }
}
