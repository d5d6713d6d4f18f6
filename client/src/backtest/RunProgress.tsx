// A running backtest: a progress bar, bars done, percent, time left and the running equity (a
// sparkline of the progress frames), with Cancel.
import { formatMoney } from '../trading/format-trading';
import type { RunningBacktest } from './backtest-store';
import { formatBarsDone, formatEta } from './format-backtest';

const sparkWidth = 160;
const sparkHeight = 28;

function sparkline(values: readonly number[]): string {
  if (values.length < 2) return '';
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  return values
    .map((value, i) => {
      const x = (i / (values.length - 1)) * sparkWidth;
      const y = sparkHeight - ((value - min) / span) * sparkHeight;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

export function RunProgress({ running, onCancel }: { running: RunningBacktest; onCancel: () => void }) {
  const frame = running.frame;
  const percent = frame?.percent ?? 0;
  const status =
    running.phase === 'starting'
      ? 'Starting…'
      : running.phase === 'finishing'
        ? 'Reading the result…'
        : running.cancelRequested
          ? 'Cancelling…'
          : 'Running';
  return (
    <div className="backtest-progress" data-testid="backtest-progress" data-phase={running.phase}>
      <div
        className="backtest-progress__bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
      >
        <div className="backtest-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <div className="backtest-progress__figures">
        <span data-testid="progress-status">{status}</span>
        <span data-testid="progress-percent">{percent.toFixed(1)} %</span>
        <span data-testid="progress-bars">
          {frame ? formatBarsDone(frame.barsDone, frame.barsTotal) : '—'}
        </span>
        <span data-testid="progress-eta">{frame ? formatEta(frame.etaMs) : ''}</span>
      </div>
      <div className="backtest-progress__equity">
        <span>
          Equity <strong data-testid="progress-equity">{frame ? formatMoney(frame.equity) : '—'}</strong>
        </span>
        <svg width={sparkWidth} height={sparkHeight} aria-hidden="true">
          <polyline points={sparkline(running.equityTrail)} fill="none" stroke="#5fb3f9" strokeWidth="1.2" />
        </svg>
        <button
          type="button"
          data-testid="backtest-cancel"
          disabled={running.cancelRequested || running.phase === 'finishing'}
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
