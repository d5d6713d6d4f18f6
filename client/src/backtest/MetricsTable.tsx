// The result's metrics by name, each with its definition as the tooltip (server/backtest/README.md).
import type { BacktestMetrics } from '@patchdesk/modules/contracts/backtest';
import { formatMetric, metricInfos } from './metric-info';

export function MetricsTable({ metrics }: { metrics: BacktestMetrics }) {
  return (
    <dl className="backtest-metrics" data-testid="backtest-metrics">
      {metricInfos.map((metric) => (
        <div
          key={metric.name}
          className="backtest-metrics__row"
          title={metric.definition}
          data-testid={`metric-${metric.name}`}
        >
          <dt>{metric.label}</dt>
          <dd data-value={metrics[metric.name] ?? ''}>{formatMetric(metric.name, metrics[metric.name])}</dd>
        </div>
      ))}
    </dl>
  );
}
