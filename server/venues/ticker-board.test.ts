import { describe, expect, it } from 'vitest';
import type { FundingEvent, MarkEvent, TickerEvent } from '../market/events';
import { TickerBoard } from './ticker-board';

const base = { venue: 'okx', symbol: 'BTC/USDT:USDT', exchangeTimeMs: 1_000, receivedAtMs: 1_001 };
const ticker = (last: number): TickerEvent => ({
  kind: 'ticker',
  ...base,
  last,
  bid: null,
  ask: null,
  change24h: 0.01,
  baseVolume24h: null,
  quoteVolume24h: null,
});
const mark: MarkEvent = { kind: 'mark', ...base, markPrice: 100.5, indexPrice: 100.25 };
const funding: FundingEvent = { kind: 'funding', ...base, rate: 0.0001, nextFundingTimeMs: 28_800_000 };

describe('TickerBoard', () => {
  it('merges the newest ticker, mark and funding of one venue and symbol into one row', () => {
    const board = new TickerBoard();
    let changes = 0;
    board.onChange(() => changes++);
    board.update(mark);
    board.update(ticker(100));
    board.update(funding);
    board.update(ticker(101));
    const rows = [...board.rows()];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ venue: 'okx', symbol: 'BTC/USDT:USDT', mark, funding });
    expect(rows[0].ticker?.last).toBe(101);
    expect(board.version).toBe(4);
    expect(changes).toBe(4);
  });

  it('keeps venues and symbols apart and refuses keys past its bound', () => {
    const board = new TickerBoard();
    for (let i = 0; i < TickerBoard.keysMax; i++) board.update({ ...mark, symbol: `S${i}` });
    board.update({ ...mark, venue: 'bybit' });
    expect(board.refused).toBe(1);
    board.update({ ...mark, symbol: 'S0', markPrice: 7 });
    expect([...board.rows()][0].mark?.markPrice).toBe(7);
    expect(board.refused).toBe(1);
  });
});
