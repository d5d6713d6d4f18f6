// Stored results, newest first: open one, delete one, tick two to compare side by side.
import { useBacktestStore } from './backtest-store';
import type { BacktestSession } from './backtest-session';
import { resultLabel } from './format-backtest';
import { formatMetric } from './metric-info';

export function StoredResults({ session }: { session: BacktestSession }) {
  const stored = useBacktestStore((state) => state.stored);
  const picked = useBacktestStore((state) => state.picked);
  const pick = useBacktestStore((state) => state.pick);
  const shownId = useBacktestStore((state) => state.outcome?.resultId ?? null);
  const loaded = useBacktestStore((state) => state.storedLoaded);
  if (!loaded)
    return (
      <p className="trading__empty" data-testid="stored-loading">
        Loading stored results…
      </p>
    );
  if (stored.length === 0)
    return <p className="trading__empty">No stored results yet: a completed run is stored.</p>;
  return (
    <>
      <ul className="backtest-stored" data-testid="stored-results">
        {stored.map((item) => (
          <li
            key={item.id}
            data-testid="stored-result"
            data-result={item.id}
            className={item.id === shownId ? 'backtest-stored__shown' : undefined}
          >
            <input
              type="checkbox"
              title="Pick for comparison (two at most)"
              data-testid="stored-pick"
              checked={picked.includes(item.id)}
              onChange={() => pick(item.id)}
            />
            <span
              className="backtest-stored__label"
              title={`${item.id} · patch ${item.patchHash.slice(0, 12)}`}
            >
              {resultLabel(item)}
            </span>
            <span className="backtest-stored__figure" title="Total return">
              {formatMetric('totalReturn', item.metrics.totalReturn)}
            </span>
            <button type="button" data-testid="stored-open" onClick={() => void session.open(item.id)}>
              Open
            </button>
            <button type="button" data-testid="stored-delete" onClick={() => void session.remove(item.id)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        data-testid="stored-compare"
        disabled={picked.length !== 2}
        title={picked.length === 2 ? 'Show the two side by side' : 'Tick two results to compare them'}
        onClick={() => void session.compare(picked[0], picked[1])}
      >
        Compare the two ticked
      </button>
    </>
  );
}
