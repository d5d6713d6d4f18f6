// The CSV files of `patchdesk backtest --out DIR`: fills, trades and orders from a result, and
// the full per-bar equity series written as the run goes (synchronous appends through a small
// buffer, so ten million bars keep flat memory).
import { closeSync, openSync, writeSync } from 'node:fs';
import type { BacktestResult } from './backtest-result';

const iso = (timeMs: number) => new Date(timeMs).toISOString();
const cell = (value: number | string | boolean | null) =>
  value === null || (typeof value === 'number' && Number.isNaN(value)) ? '' : String(value);

export function fillsCsv(result: BacktestResult): string {
  const rows = result.fills.map((f) =>
    [iso(f.timeMs), f.side, f.price, f.quantity, f.fee, f.liquidity, f.liquidation, f.clientOrderId]
      .map(cell)
      .join(','),
  );
  return `time,side,price,quantity,fee,liquidity,liquidation,clientOrderId\n${rows.map((r) => `${r}\n`).join('')}`;
}

export function tradesCsv(result: BacktestResult): string {
  const head =
    'side,entryTime,exitTime,entryPrice,exitPrice,quantity,grossPnl,fees,funding,pnl,durationMs,mae,mfe,liquidated';
  const rows = result.trades.map((t) =>
    [
      t.side,
      iso(t.entryTimeMs),
      iso(t.exitTimeMs),
      t.entryPrice,
      t.exitPrice,
      t.quantity,
      t.grossPnl,
      t.fees,
      t.funding,
      t.pnl,
      t.durationMs,
      t.mae,
      t.mfe,
      t.liquidated,
    ]
      .map(cell)
      .join(','),
  );
  return `${head}\n${rows.map((r) => `${r}\n`).join('')}`;
}

export function ordersCsv(result: BacktestResult): string {
  const head =
    'clientOrderId,createdAt,side,orderType,quantity,filledQuantity,averagePrice,limitPrice,triggerPrice,reduceOnly,status,reason,tag';
  const rows = result.orders.map((o) =>
    [
      o.clientOrderId,
      iso(o.createdAtMs),
      o.side,
      o.orderType,
      o.quantity,
      o.filledQuantity,
      o.averagePrice,
      o.limitPrice,
      o.triggerPrice,
      o.reduceOnly,
      o.status,
      csvText(o.reason ?? ''),
      csvText(o.tag),
    ]
      .map(cell)
      .join(','),
  );
  return `${head}\n${rows.map((r) => `${r}\n`).join('')}`;
}

export function metricsCsv(result: BacktestResult): string {
  return `metric,value\n${Object.entries(result.metrics)
    .map(([key, value]) => `${key},${cell(value)}\n`)
    .join('')}`;
}

function csvText(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** time,equity,drawdown,close for every bar, appended as the run goes. */
export class EquityCsvWriter {
  readonly #fd: number;
  #buffer = 'time,equity,drawdown,close\n';

  constructor(path: string) {
    this.#fd = openSync(path, 'w');
  }

  readonly add = (timeMs: number, equity: number, drawdown: number, close: number): void => {
    this.#buffer += `${iso(timeMs)},${equity},${drawdown},${close}\n`;
    if (this.#buffer.length >= 65_536) this.#flush();
  };

  close(): void {
    this.#flush();
    closeSync(this.#fd);
  }

  #flush(): void {
    writeSync(this.#fd, this.#buffer);
    this.#buffer = '';
  }
}
