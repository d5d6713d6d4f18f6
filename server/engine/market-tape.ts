// The market data a live run applied, tick by tick, and its replay. A live run's market events
// reach its ticks when they arrive, not at their exchange times, and its streams age on the
// wall clock: replaying the events by exchange time (MarketReplay) would not give the same
// ticks. The tape keeps what the bridge did per kernel tick (the staleness-clock reading and
// the events, in the order applied), and MarketTapeReplay writes exactly that into a
// backtest's feed on the same ticks (the backtest visits the same ticks: same bars, same grid,
// same wake-ups), through the same MarketTickWriter. So the backtest's outputs are bit-identical.
import type { MarketFeed } from '@patchdesk/modules/sdk/market-feed';
import type { MarketFeedEvent } from '@patchdesk/modules/sdk/market-feed-writer';
import type { RunMarket } from './market-replay';
import { MarketTickWriter } from './market-tick-writer';

/** A tape holds at most this many ticks and events; past either it stops and says so. */
export const tapeTicksMax = 2_000_000;
export const tapeEventsMax = 2_000_000;

export class MarketTape {
  /** Staleness-clock reading per tick. */
  readonly nowMs: number[] = [];
  /** Index in `events` of each tick's first event (`events.length` closes the last tick). */
  readonly firstEvent: number[] = [];
  readonly events: MarketFeedEvent[] = [];
  private full = false;

  constructor(
    /** The stale window the bridge used: the replay must age streams the same way. */
    readonly staleAfterMs: number,
    private readonly limits = { ticks: tapeTicksMax, events: tapeEventsMax },
  ) {}

  get ticks(): number {
    return this.nowMs.length;
  }

  /** True once a limit was reached: the tape ends early and a replay past its end is refused. */
  get truncated(): boolean {
    return this.full;
  }

  /** The bridge's onTick: one call per kernel tick. Events are immutable; references are kept. */
  readonly record = (nowMs: number, applied: readonly MarketFeedEvent[]): void => {
    if (this.full) return;
    if (this.nowMs.length >= this.limits.ticks || this.events.length + applied.length > this.limits.events) {
      this.full = true;
      return;
    }
    this.nowMs.push(nowMs);
    this.firstEvent.push(this.events.length);
    for (const event of applied) this.events.push(event);
  };
}

export class MarketTapeReplay implements RunMarket {
  private tick = 0;
  private readonly writer: MarketTickWriter;
  private readonly batch: MarketFeedEvent[] = [];

  constructor(
    readonly feed: MarketFeed,
    private readonly tape: MarketTape,
  ) {
    this.writer = new MarketTickWriter(feed, tape.staleAfterMs);
  }

  /** The tape's events belong to ticks the bars and wake-ups already make. */
  nextEventMs(): number {
    return Number.POSITIVE_INFINITY;
  }

  beforeTick(timeMs: number): void {
    const { tape } = this;
    if (this.tick >= tape.ticks) {
      throw new Error(
        `market tape: the backtest reached tick ${this.tick} (time ${timeMs}) but the tape holds ` +
          `${tape.ticks} ticks${tape.truncated ? ' (it was truncated)' : ''}`,
      );
    }
    const end = this.tick + 1 < tape.ticks ? tape.firstEvent[this.tick + 1] : tape.events.length;
    this.batch.length = 0;
    for (let i = tape.firstEvent[this.tick]; i < end; i++) this.batch.push(tape.events[i]);
    this.writer.write(tape.nowMs[this.tick], this.batch);
    this.tick++;
  }
}
