// One self-contained HTML file for a backtest result: equity (with buy and hold), drawdown, the
// price with trade entries and exits, the metrics and the trades. Charts are inline SVG drawn
// here, with no script, font or stylesheet from elsewhere: the file can be mailed and opened
// offline. Every text from the inputs is escaped.
import type { BacktestResult } from './backtest-result';
import type { Metrics } from './metrics';

export interface ReportInfo {
  title: string;
  /** Lines shown under the title (patch, data, venue model). */
  details: readonly string[];
}

const width = 960;
const chartHeight = 220;
const pad = { left: 70, right: 16, top: 14, bottom: 24 };

export function backtestReportHtml(result: BacktestResult, info: ReportInfo): string {
  const s = result.series;
  const equity = lineChart(s.timeMs, [
    { values: s.equity, color: '#2563eb', label: 'equity' },
    { values: s.buyAndHold, color: '#9ca3af', label: 'buy and hold' },
  ]);
  const drawdown = lineChart(s.timeMs, [
    { values: s.drawdown.map((d) => -d * 100), color: '#dc2626', label: 'drawdown %' },
  ]);
  const price = lineChart(s.timeMs, [{ values: s.close, color: '#111827', label: 'close' }], result);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(info.title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#111827;max-width:${width + 40}px}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.details{color:#4b5563;margin:0 0 8px}table{border-collapse:collapse;font-variant-numeric:tabular-nums}
td,th{border-bottom:1px solid #e5e7eb;padding:3px 10px;text-align:right}th{background:#f9fafb}
td:first-child,th:first-child{text-align:left}.legend span{margin-right:16px}
svg{display:block;background:#fff;border:1px solid #e5e7eb}
</style></head><body>
<h1>${escape(info.title)}</h1>
${info.details.map((line) => `<p class="details">${escape(line)}</p>`).join('\n')}
<p class="details">${result.bars.count} bars, ${iso(result.bars.firstTimeMs)} to ${iso(result.bars.lastTimeMs)}; status ${result.status}</p>
<h2>Equity</h2>${legend([
    ['#2563eb', 'equity'],
    ['#9ca3af', 'buy and hold'],
  ])}${equity}
<h2>Drawdown</h2>${drawdown}
<h2>Price and trades</h2>${legend([
    ['#16a34a', 'entry'],
    ['#dc2626', 'exit'],
  ])}${price}
<h2>Metrics</h2>${metricsTable(result.metrics)}
<h2>Account</h2>${accountTable(result)}
<h2>Trades (${result.counts.trades})</h2>${tradesTable(result)}
</body></html>
`;
}

interface Line {
  values: readonly number[];
  color: string;
  label: string;
}

function lineChart(timeMs: readonly number[], lines: readonly Line[], trades?: BacktestResult): string {
  const n = timeMs.length;
  const all = lines.flatMap((line) => line.values.filter(Number.isFinite));
  if (trades) for (const t of trades.trades) all.push(t.entryPrice, t.exitPrice);
  if (n === 0 || all.length === 0)
    return `<svg width="${width}" height="40"><text x="10" y="25">no data</text></svg>`;
  let min = Math.min(...all);
  let max = Math.max(...all);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const t0 = timeMs[0];
  const t1 = n > 1 ? timeMs[n - 1] : t0 + 1;
  const x = (t: number) => pad.left + ((t - t0) / (t1 - t0 || 1)) * (width - pad.left - pad.right);
  const y = (v: number) => pad.top + ((max - v) / (max - min)) * (chartHeight - pad.top - pad.bottom);
  const paths = lines
    .map((line) => {
      let d = '';
      for (let i = 0; i < n; i++) {
        const v = line.values[i];
        if (!Number.isFinite(v)) continue;
        d += `${d === '' ? 'M' : 'L'}${x(timeMs[i]).toFixed(1)},${y(v).toFixed(1)}`;
      }
      return `<path d="${d}" fill="none" stroke="${line.color}" stroke-width="1.2"><title>${escape(line.label)}</title></path>`;
    })
    .join('');
  const ticks = [min, (min + max) / 2, max]
    .map(
      (v) =>
        `<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${formatNumber(v + 0)}</text>`,
    )
    .join('');
  const times = [t0, t1]
    .map(
      (t, i) =>
        `<text x="${x(t)}" y="${chartHeight - 6}" text-anchor="${i === 0 ? 'start' : 'end'}" font-size="11">${iso(t)}</text>`,
    )
    .join('');
  const markers = trades
    ? trades.trades
        .map(
          (t) =>
            marker(
              x(t.entryTimeMs),
              y(t.entryPrice),
              '#16a34a',
              `${t.side} entry ${t.entryPrice} at ${iso(t.entryTimeMs)}`,
            ) +
            marker(
              x(t.exitTimeMs),
              y(t.exitPrice),
              '#dc2626',
              `exit ${t.exitPrice} at ${iso(t.exitTimeMs)}, pnl ${formatNumber(t.pnl)}`,
            ),
        )
        .join('')
    : '';
  return `<svg width="${width}" height="${chartHeight}" viewBox="0 0 ${width} ${chartHeight}" role="img">${ticks}${times}${paths}${markers}</svg>`;
}

function marker(cx: number, cy: number, color: string, title: string): string {
  return `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" fill="${color}"><title>${escape(title)}</title></circle>`;
}

function legend(items: readonly (readonly [string, string])[]): string {
  return `<p class="legend">${items.map(([color, label]) => `<span style="color:${color}">&#9632; ${escape(label)}</span>`).join('')}</p>`;
}

const percentMetrics = new Set<keyof Metrics>([
  'totalReturn',
  'cagr',
  'maxDrawdown',
  'volatility',
  'winRate',
  'exposure',
  'buyAndHoldReturn',
  'buyAndHoldMaxDrawdown',
]);

function metricsTable(metrics: Metrics): string {
  const rows = (Object.keys(metrics) as (keyof Metrics)[]).map((key) => {
    const value = metrics[key];
    const shown =
      key === 'maxDrawdownDurationMs'
        ? duration(value)
        : percentMetrics.has(key)
          ? `${formatNumber(value * 100)} %`
          : formatNumber(value);
    return `<tr><td>${key}</td><td>${shown}</td></tr>`;
  });
  return `<table><tr><th>metric</th><th>value</th></tr>${rows.join('')}</table>`;
}

function accountTable(result: BacktestResult): string {
  const a = result.account;
  const rows = (
    ['deposits', 'cash', 'realisedPnl', 'fees', 'fundingPnl', 'margin', 'unrealisedPnl', 'equity'] as const
  ).map((key) => `<tr><td>${key}</td><td>${formatNumber(a[key])} ${escape(a.currency)}</td></tr>`);
  return `<table>${rows.join('')}</table>`;
}

function tradesTable(result: BacktestResult): string {
  const head = [
    '#',
    'side',
    'entry time',
    'entry',
    'exit time',
    'exit',
    'qty',
    'pnl',
    'fees',
    'funding',
    'duration',
    'MAE',
    'MFE',
  ];
  const rows = result.trades.map(
    (t, i) =>
      `<tr><td>${i + 1}</td><td>${t.side}${t.liquidated ? ' (liquidated)' : ''}</td><td>${iso(t.entryTimeMs)}</td><td>${formatNumber(t.entryPrice)}</td><td>${iso(t.exitTimeMs)}</td><td>${formatNumber(t.exitPrice)}</td><td>${t.quantity}</td><td>${formatNumber(t.pnl)}</td><td>${formatNumber(t.fees)}</td><td>${formatNumber(t.funding)}</td><td>${duration(t.durationMs)}</td><td>${formatNumber(t.mae)}</td><td>${formatNumber(t.mfe)}</td></tr>`,
  );
  return `<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  return value.toLocaleString('en-US', { maximumFractionDigits: abs >= 1_000 ? 2 : abs >= 1 ? 4 : 6 });
}

function duration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  return `${days > 0 ? `${days}d ` : ''}${hours}h ${minutes % 60}m`;
}

function iso(timeMs: number): string {
  return Number.isFinite(timeMs) ? new Date(timeMs).toISOString().replace('.000Z', 'Z') : '—';
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
