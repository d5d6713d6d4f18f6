// Two stored results side by side: labelled A and B in their own colours, every metric of each
// with the difference B − A, and both equity curves on one chart.
import { useMemo } from 'react';
import type { Comparison } from './backtest-store';
import { comparedEquityData } from './chart-data';
import { chartColors, compareOptions } from './chart-options';
import { resultLabel } from './format-backtest';
import { formatMetric, metricInfos } from './metric-info';
import { UPlotChart } from './UPlotChart';

export function CompareView({ comparison, onClose }: { comparison: Comparison; onClose: () => void }) {
  const { a, b } = comparison.comparison;
  const labels = useMemo(() => ({ a: resultLabel(a), b: resultLabel(b) }), [a, b]);
  const options = useMemo(() => compareOptions(), []);
  const data = useMemo(() => comparedEquityData(comparison.a.series, comparison.b.series), [comparison]);
  const byName = new Map(comparison.comparison.metrics.map((metric) => [metric.name, metric]));
  return (
    <section className="backtest-compare" data-testid="backtest-compare">
      <div className="backtest-compare__head">
        <h3 className="trading__heading">Compare</h3>
        <button type="button" data-testid="compare-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p
        className="backtest-compare__label"
        style={{ borderColor: chartColors.a }}
        data-testid="compare-label-a"
      >
        <strong style={{ color: chartColors.a }}>A</strong> {labels.a}
      </p>
      <p
        className="backtest-compare__label"
        style={{ borderColor: chartColors.b }}
        data-testid="compare-label-b"
      >
        <strong style={{ color: chartColors.b }}>B</strong> {labels.b}
      </p>
      <p className="backtest__hint" data-testid="compare-inputs">
        {comparison.comparison.sameInputs
          ? 'Same patch version, data and venue model: the two should be identical.'
          : 'Different inputs (patch version, data or venue model).'}
      </p>
      <UPlotChart testId="compare-chart" options={options} data={data} range={null} heightPx={170} />
      <table className="trading-table" data-testid="compare-metrics">
        <thead>
          <tr>
            <th>Metric</th>
            <th style={{ color: chartColors.a }}>A</th>
            <th style={{ color: chartColors.b }}>B</th>
            <th title="B − A">Δ</th>
          </tr>
        </thead>
        <tbody>
          {metricInfos.map((info) => {
            const metric = byName.get(info.name);
            return (
              <tr key={info.name} title={info.definition} data-testid={`compare-${info.name}`}>
                <td>{info.label}</td>
                <td>{formatMetric(info.name, metric?.a ?? null)}</td>
                <td>{formatMetric(info.name, metric?.b ?? null)}</td>
                <td>{formatMetric(info.name, metric?.delta ?? null)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
