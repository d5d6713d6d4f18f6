// The account and positions the patch reads from its trading feed, refreshed before and after
// every kernel tick: in full (a venue snapshot and the ledger's account view) after anything
// but a price move; otherwise only what a price moves, from what the last full refresh saw.
import { positionFor, type TradingFeed } from '@patchdesk/modules/sdk/trading-feed';
import type { Accounting } from '../ledger/accounting';
import { accountView } from '../ledger/account-view';
import { minorUnitsToNumber, notionalMinorUnits } from '../ledger/money';
import type { SimBroker } from './sim-broker';

/** What the ledger held at the last full refresh: only the mark moves it until the next event. */
interface LedgerAtRefresh {
  /** Cash + margin, minor units. */
  fixedUnits: bigint;
  /** The symbol's positions as the account view listed them (quantity and basis, minor units). */
  positions: { quantityUnits: bigint; basisUnits: bigint }[];
}

export interface FeedRefreshParts {
  feed: TradingFeed;
  broker: SimBroker;
  accounting: Accounting;
  accountId: string;
  currency: string;
  symbol: string;
  /** Rebuild from full snapshots every time (the cheap path's reference, for tests). */
  alwaysFull: boolean;
}

export class FeedRefresh {
  readonly #parts: FeedRefreshParts;
  /** Something other than the price moved since the last full refresh (an event, a command, a mark). */
  #dirty = true;
  #ledgerAtRefresh: LedgerAtRefresh = { fixedUnits: 0n, positions: [] };

  constructor(parts: FeedRefreshParts) {
    this.#parts = parts;
  }

  /** The next refresh must be a full one. */
  markDirty(): void {
    this.#dirty = true;
  }

  refresh(timeMs: number, lastPrice: number, markPrice: number): void {
    const { feed, symbol } = this.#parts;
    const market = feed.markets.get(symbol);
    if (market) {
      market.lastPrice = lastPrice;
      market.markPrice = markPrice;
      if (!Number.isNaN(timeMs)) market.dataAtMs = timeMs;
    }
    if (this.#dirty || this.#parts.alwaysFull) this.#refreshFull(timeMs, markPrice);
    else this.#refreshPrices(timeMs, markPrice);
    feed.version++;
  }

  #refreshFull(timeMs: number, markPrice: number): void {
    const { feed, broker, accounting, accountId, currency, symbol } = this.#parts;
    const snapshot = broker.sim.snapshot();
    const marks = Number.isNaN(markPrice) ? {} : { [symbol]: markPrice };
    const view = accountView(accounting, accountId, currency, marks);
    this.#ledgerAtRefresh = {
      fixedUnits: view.cashUnits + view.marginUnits,
      positions: view.positions
        .filter((p) => p.symbol === symbol)
        .map((p) => ({ quantityUnits: p.quantityUnits, basisUnits: p.basisUnits })),
    };
    this.#dirty = false;
    let initialMargin = 0;
    let maintenanceMargin = 0;
    for (const p of snapshot.positions) {
      initialMargin += p.initialMargin;
      maintenanceMargin += p.maintenanceMargin;
    }
    const equity = minorUnitsToNumber(view.equityUnits);
    Object.assign(feed.account, {
      equity,
      walletBalance: minorUnitsToNumber(view.cashUnits + view.marginUnits),
      unrealisedPnl: minorUnitsToNumber(view.unrealisedUnits),
      freeMargin: snapshot.availableBalance,
      initialMargin,
      maintenanceMargin,
      marginRatio: equity > 0 ? maintenanceMargin / equity : 0,
      updatedAtMs: timeMs,
    });
    const open = new Set<string>();
    for (const p of snapshot.positions) {
      open.add(p.symbol);
      const position = positionFor(feed, p.symbol);
      position.size = p.quantity;
      position.entryPrice = p.entryPrice;
      position.markPrice = p.markPrice;
      position.unrealisedPnl = p.unrealisedPnl;
      position.liquidationPrice = p.liquidationPrice ?? Number.NaN;
      position.updatedAtMs = timeMs;
    }
    for (const [positionSymbol, position] of feed.positions) {
      if (open.has(positionSymbol)) continue;
      flatPosition(position, timeMs, markPrice);
    }
  }

  /**
   * Only the price moved since the last full refresh (no fill, funding, mark, order or command):
   * sizes, entries, the wallet, the ledger's basis and the liquidation price (which depends on
   * the wallet and the position, not the mark) are as they were. The mark-dependent figures are
   * recomputed with the same formulas the full refresh uses, so both give the same numbers
   * (trading-session.test.ts checks it bar by bar), without building snapshots.
   */
  #refreshPrices(timeMs: number, markPrice: number): void {
    const { feed, broker } = this.#parts;
    const sim = broker.sim;
    let unrealisedUnits = 0n;
    if (!Number.isNaN(markPrice)) {
      for (const p of this.#ledgerAtRefresh.positions) {
        unrealisedUnits += notionalMinorUnits(p.quantityUnits, markPrice) - p.basisUnits;
      }
    }
    let initialMargin = 0;
    let maintenanceMargin = 0;
    for (const market of sim.markets.values()) {
      const venuePosition = market.position;
      if (venuePosition.lots === 0) continue;
      initialMargin += sim.account.initialMargin(venuePosition);
      maintenanceMargin += sim.account.maintenanceMargin(venuePosition);
      const position = positionFor(feed, venuePosition.symbol);
      position.markPrice = venuePosition.markPrice;
      position.unrealisedPnl = sim.account.unrealisedPnl(venuePosition);
      position.updatedAtMs = timeMs;
    }
    const equity = minorUnitsToNumber(this.#ledgerAtRefresh.fixedUnits + unrealisedUnits);
    const account = feed.account;
    account.equity = equity;
    account.unrealisedPnl = minorUnitsToNumber(unrealisedUnits);
    account.freeMargin = sim.availableBalance();
    account.initialMargin = initialMargin;
    account.maintenanceMargin = maintenanceMargin;
    account.marginRatio = equity > 0 ? maintenanceMargin / equity : 0;
    account.updatedAtMs = timeMs;
    for (const position of feed.positions.values()) {
      if (position.size === 0) flatPosition(position, timeMs, markPrice);
    }
  }
}

function flatPosition(position: ReturnType<typeof positionFor>, timeMs: number, markPrice: number): void {
  position.size = 0;
  position.entryPrice = Number.NaN;
  position.unrealisedPnl = 0;
  position.liquidationPrice = Number.NaN;
  position.markPrice = markPrice;
  position.updatedAtMs = timeMs;
}
