// "Any probe's values over the whole backtest": a chart of the chosen probe on the result
// charts' time range and cursor, and a readout of every probe (and the price) at the cursor's
// time, so scrubbing any chart reads all values at that bar.
import { useMemo, useState } from 'react';
import type { BacktestOutcome, BacktestProbeHistory } from '@patchdesk/modules/contracts/backtest';
import { formatProbeValue } from '../editor/format-value';
import { probeHistoryOptions } from './chart-options';
import { probeHistoryData, probesAt } from './probe-history-data';
import type { TimeRange } from './trade-window';
import { UPlotChart } from './UPlotChart';

export function ProbeHistoryView({
  outcome,
  range,
  onRange,
}: {
  outcome: BacktestOutcome;
  range: TimeRange | null;
  onRange: (range: TimeRange | null) => void;
}) {
  const history = outcome.probes;
  if (!history) {
    return (
      <p className="trading__empty" data-testid="probe-history-missing">
        This result was stored before probe history was kept; run it again to see its probes.
      </p>
    );
  }
  if (history.ports.length === 0) {
    return (
      <p className="trading__empty" data-testid="probe-history-empty">
        The patch had no probes when it ran: probe a port on the canvas and run again.
      </p>
    );
  }
  return <ProbeHistoryChart history={history} outcome={outcome} range={range} onRange={onRange} />;
}

function ProbeHistoryChart({
  history,
  outcome,
  range,
  onRange,
}: {
  history: BacktestProbeHistory;
  outcome: BacktestOutcome;
  range: TimeRange | null;
  onRange: (range: TimeRange | null) => void;
}) {
  const [chosen, setChosen] = useState(history.ports[0]);
  const port = history.ports.includes(chosen) ? chosen : history.ports[0];
  const data = useMemo(() => probeHistoryData(history, port), [history, port]);
  const options = useMemo(() => probeHistoryOptions(port), [port]);
  const [cursorMs, setCursorMs] = useState<number | null>(null);
  const reading = cursorMs === null ? null : probesAt(history, cursorMs);
  const closeAt = reading?.timeMs == null ? null : closeAtTime(outcome, reading.timeMs);
  return (
    <div className="backtest-probes" data-testid="probe-history">
      <label className="backtest-probes__choice">
        Probe{' '}
        <select
          data-testid="probe-history-port"
          value={port}
          onChange={(event) => setChosen(event.target.value)}
        >
          {history.ports.map((key) => (
            <option key={key} value={key}>
              {key}
            </option>
          ))}
        </select>
        <span className="backtest-probes__note">
          {history.timeMs.length.toLocaleString('en-US')} points, every{' '}
          {history.stride.toLocaleString('en-US')} bar{history.stride === 1 ? '' : 's'}
        </span>
      </label>
      <UPlotChart
        testId="probe-history-chart"
        options={options}
        data={data}
        range={range}
        onRange={onRange}
        onCursor={setCursorMs}
        heightPx={130}
      />
      <div className="backtest-probes__readout" data-testid="probe-cursor-readout">
        {reading === null || reading.timeMs === null ? (
          <span>Move the cursor over a chart to read every probe at that bar.</span>
        ) : (
          <>
            <span data-testid="probe-cursor-time">
              {new Date(reading.timeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC
            </span>
            {closeAt !== null && <span>close {formatProbeValue(closeAt)}</span>}
            {reading.values.map(({ port: key, value }) => (
              <span key={key} data-probe-value={key}>
                {key} {value === null ? '—' : formatProbeValue(value)}
              </span>
            ))}
          </>
        )}
      </div>
    </div>
  );
}

/** The display series' close at a kept time (the probes keep the same times). */
function closeAtTime(outcome: BacktestOutcome, timeMs: number): number | null {
  const index = outcome.series.timeMs.indexOf(timeMs);
  return index < 0 ? null : outcome.series.close[index];
}
