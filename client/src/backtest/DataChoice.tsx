// Which bars a backtest runs over: the bundled sample, a CSV uploaded from this browser
// (checked here before it is sent, and again by the server), or recorded history.
import { useBacktestStore } from './backtest-store';
import { checkCsvSize, checkCsvText } from './csv-check';

/** Why recorded history cannot be chosen yet: BacktestHub's data choice has no such kind. */
export const recordedHistoryReason =
  'Recorded history is not offered by the server’s BacktestHub yet (it takes the sample or an uploaded CSV); ' +
  'export the bars to a CSV and upload that.';

async function readUpload(file: File): Promise<void> {
  const set = useBacktestStore.getState().set;
  const tooBig = checkCsvSize(file.name, file.size);
  if (tooBig && !tooBig.ok) {
    set({ data: { kind: 'csv', name: file.name, text: null, bars: 0, problem: tooBig.message } });
    return;
  }
  const text = await file.text();
  const check = checkCsvText(file.name, text);
  set({
    data: check.ok
      ? { kind: 'csv', name: file.name, text, bars: check.bars, problem: null }
      : { kind: 'csv', name: file.name, text: null, bars: 0, problem: check.message },
  });
}

export function DataChoice({ disabled }: { disabled: boolean }) {
  const data = useBacktestStore((state) => state.data);
  const set = useBacktestStore((state) => state.set);
  return (
    <fieldset className="backtest-data" disabled={disabled} data-testid="backtest-data">
      <legend>Data</legend>
      <label>
        <input
          type="radio"
          name="backtest-data"
          data-testid="data-sample"
          checked={data.kind === 'sample'}
          onChange={() => set({ data: { kind: 'sample' } })}
        />
        Bundled sample <span className="backtest__hint">BTC/USDT perpetual, 1-minute bars, 3 days</span>
      </label>
      <label>
        <input
          type="radio"
          name="backtest-data"
          data-testid="data-csv"
          checked={data.kind === 'csv'}
          onChange={() =>
            set({ data: { kind: 'csv', name: '', text: null, bars: 0, problem: 'choose a CSV file' } })
          }
        />
        Upload a CSV
        <input
          type="file"
          accept=".csv,text/csv"
          data-testid="data-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void readUpload(file);
          }}
        />
      </label>
      {data.kind === 'csv' ? (
        data.problem ? (
          <p className="backtest__problem" data-testid="data-problem" role="alert">
            {data.problem}
          </p>
        ) : (
          <p className="backtest__hint" data-testid="data-summary">
            {data.name}: {data.bars.toLocaleString('en-US')} bars, checked
          </p>
        )
      ) : null}
      <label className="backtest-data__disabled" title={recordedHistoryReason}>
        <input type="radio" name="backtest-data" data-testid="data-recorded" disabled />
        Recorded history <span className="backtest__hint">{recordedHistoryReason}</span>
      </label>
    </fieldset>
  );
}
