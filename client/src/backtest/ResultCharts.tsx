// A result's charts, zoomed together: equity with buy and hold, drawdown, and the candles with
// trade markers. A clicked trade (or a span dragged on any chart) sets the one shared range.
import { useMemo } from 'react';
import type { BacktestOutcome } from '@patchdesk/modules/contracts/backtest';
import { candleData, drawdownData, equityData } from './chart-data';
import { candleOptions, drawdownOptions, equityOptions } from './chart-options';
import { ProbeHistoryView } from './ProbeHistoryView';
import { tradeMarkers } from './trade-markers';
import type { TimeRange } from './trade-window';
import { UPlotChart } from './UPlotChart';

export function ResultCharts({
  outcome,
  selected,
  range,
  onRange,
}: {
  outcome: BacktestOutcome;
  selected: number | null;
  range: TimeRange | null;
  onRange: (range: TimeRange | null) => void;
}) {
  const equity = useMemo(() => equityData(outcome.series), [outcome]);
  const drawdown = useMemo(() => drawdownData(outcome.series), [outcome]);
  const candles = useMemo(() => (outcome.candles ? candleData(outcome.candles) : null), [outcome]);
  // Read by the draw hook at paint time; the object lives as long as the outcome.
  const view = useMemo(
    () => ({ markers: tradeMarkers(outcome.trades), selected: null as number | null }),
    [outcome],
  );
  view.selected = selected;
  const priceOptions = useMemo(() => candleOptions(view), [view]);
  return (
    <div className="backtest-charts">
      <div className="backtest-charts__bar">
        <span className="backtest-charts__range" data-testid="chart-range">
          {range
            ? `${new Date(range.fromMs).toISOString().slice(0, 16)} → ${new Date(range.toMs).toISOString().slice(0, 16)} UTC`
            : 'Showing the whole run'}
        </span>
        <button
          type="button"
          data-testid="chart-reset"
          disabled={range === null}
          onClick={() => onRange(null)}
        >
          Whole run
        </button>
      </div>
      <h4 className="backtest__subheading">Price, entries ▲ and exits △</h4>
      {candles ? (
        <UPlotChart
          testId="price-chart"
          options={priceOptions}
          data={candles}
          range={range}
          onRange={onRange}
          paintKey={selected}
          heightPx={220}
        />
      ) : (
        <p className="trading__empty">
          This result was stored before candles were kept; run it again to see them.
        </p>
      )}
      <h4 className="backtest__subheading">Equity</h4>
      <UPlotChart
        testId="equity-chart"
        options={equityOptions}
        data={equity}
        range={range}
        onRange={onRange}
        heightPx={150}
      />
      <h4 className="backtest__subheading">Drawdown</h4>
      <UPlotChart
        testId="drawdown-chart"
        options={drawdownOptions}
        data={drawdown}
        range={range}
        onRange={onRange}
        heightPx={110}
      />
      <h4 className="backtest__subheading">Probes over the run</h4>
      <ProbeHistoryView outcome={outcome} range={range} onRange={onRange} />
    </div>
  );
}
