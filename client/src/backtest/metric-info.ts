// Each backtest metric's label, kind and definition (the tooltip), as server/backtest/README.md
// defines it, and how its value is written. The order is the table's order.
import type { BacktestMetrics } from '@patchdesk/modules/contracts/backtest';
import { formatMoney, formatPercent } from '../trading/format-trading';
import { formatDuration } from './format-backtest';

export type MetricName = keyof BacktestMetrics;
type Kind = 'fraction' | 'ratio' | 'money' | 'count' | 'duration';

export interface MetricInfo {
  name: MetricName;
  label: string;
  kind: Kind;
  definition: string;
}

const info = (name: MetricName, label: string, kind: Kind, definition: string): MetricInfo => ({
  name,
  label,
  kind,
  definition,
});

export const metricInfos: readonly MetricInfo[] = [
  info('totalReturn', 'Total return', 'fraction', 'Last equity / first equity − 1.'),
  info(
    'cagr',
    'CAGR',
    'fraction',
    '(last / first)^(1 / years) − 1, years = (last bar time − first) / 365 days.',
  ),
  info('sharpe', 'Sharpe', 'ratio', 'Mean / sample std of daily equity returns × √365, risk-free 0.'),
  info('sortino', 'Sortino', 'ratio', 'Mean / √(Σ min(r, 0)² / n) of daily equity returns × √365.'),
  info('calmar', 'Calmar', 'ratio', 'CAGR / max drawdown.'),
  info(
    'maxDrawdown',
    'Max drawdown',
    'fraction',
    'The largest fall of equity from a peak, as a fraction of that peak.',
  ),
  info(
    'maxDrawdownDurationMs',
    'Max drawdown duration',
    'duration',
    'The longest time below a peak: from the peak bar to the bar that regained it, or to the last bar.',
  ),
  info('volatility', 'Volatility', 'fraction', 'Sample std of daily equity returns × √365.'),
  info('winRate', 'Win rate', 'fraction', 'Trades with PnL > 0 / trades.'),
  info('profitFactor', 'Profit factor', 'ratio', 'Σ winning PnL / −Σ losing PnL (none without a loss).'),
  info('expectancy', 'Expectancy', 'money', 'Mean PnL per round-trip trade (fees and funding included).'),
  info('averageWin', 'Average win', 'money', 'Mean PnL of the winning trades.'),
  info('averageLoss', 'Average loss', 'money', 'Mean PnL of the losing trades.'),
  info('exposure', 'Exposure', 'fraction', 'Bars that ended with a position / bars.'),
  info('turnover', 'Turnover', 'ratio', 'Σ |price × quantity| of all fills / mean equity.'),
  info('fees', 'Fees', 'money', 'Fees paid (maker rebates count negative).'),
  info('fundingPaid', 'Funding paid', 'money', 'Total of funding payments out (≥ 0).'),
  info('fundingReceived', 'Funding received', 'money', 'Total of funding payments in (≥ 0).'),
  info('liquidations', 'Liquidations', 'count', 'Positions liquidated.'),
  info('trades', 'Trades', 'count', 'Round trips closed.'),
  info(
    'buyAndHoldReturn',
    'Buy and hold return',
    'fraction',
    'Last close / first close − 1 over the same bars.',
  ),
  info('buyAndHoldMaxDrawdown', 'Buy and hold max drawdown', 'fraction', 'Max drawdown of the closes.'),
];

/** A metric's value as the table writes it; "—" when it is undefined for the data (null). */
export function formatMetric(name: MetricName, value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—';
  const kind = metricInfos.find((metric) => metric.name === name)?.kind ?? 'ratio';
  switch (kind) {
    case 'fraction':
      return formatPercent(value);
    case 'money':
      return formatMoney(value);
    case 'count':
      return value.toLocaleString('en-US');
    case 'duration':
      return formatDuration(value);
    case 'ratio':
      return Number.isFinite(value) ? value.toFixed(2) : value > 0 ? '∞' : '-∞';
  }
}
