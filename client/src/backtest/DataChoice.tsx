// Which bars a backtest runs over: the bundled sample, a CSV uploaded from this browser
// (checked here before it is sent, and again by the server), or recorded history from the
// server's market store (a dataset picked from what the store holds, and a from/through range).
import { useBacktestStore } from './backtest-store';
import { checkCsvSize, checkCsvText } from './csv-check';
import {
  datasetKey,
  datasetLabel,
  datasetSpan,
  recordedData,
  wholeDataset,
  type RecordedChoice,
} from './recorded-choice';

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

function RecordedFields({ choice }: { choice: RecordedChoice }) {
  const datasets = useBacktestStore((state) => state.datasets);
  const set = useBacktestStore((state) => state.set);
  const outcome = recordedData(choice, datasets);
  const chosen = datasets?.find((dataset) => datasetKey(dataset) === choice.key) ?? null;
  const update = (partial: Partial<RecordedChoice>) => set({ data: { ...choice, ...partial } });
  return (
    <div className="backtest-recorded" data-testid="recorded-fields">
      {datasets && datasets.length > 0 ? (
        <>
          <label>
            Dataset
            <select
              data-testid="recorded-dataset"
              value={choice.key ?? ''}
              onChange={(event) => {
                const dataset = datasets.find((d) => datasetKey(d) === event.target.value);
                if (dataset) set({ data: wholeDataset(dataset) });
              }}
            >
              {datasets.map((dataset) => (
                <option key={datasetKey(dataset)} value={datasetKey(dataset)}>
                  {datasetLabel(dataset)}
                </option>
              ))}
            </select>
          </label>
          {chosen ? (
            <span className="backtest__hint" data-testid="recorded-span">
              stored: {datasetSpan(chosen)}
            </span>
          ) : null}
          <label>
            From (UTC)
            <input
              type="datetime-local"
              data-testid="recorded-from"
              value={choice.from}
              onChange={(event) => update({ from: event.target.value })}
            />
          </label>
          <label>
            Through (UTC)
            <input
              type="datetime-local"
              data-testid="recorded-through"
              value={choice.through}
              onChange={(event) => update({ through: event.target.value })}
            />
          </label>
        </>
      ) : null}
      {'problem' in outcome ? (
        <p className="backtest__problem" data-testid="recorded-problem" role="alert">
          {outcome.problem}
        </p>
      ) : (
        <p className="backtest__hint" data-testid="recorded-summary">
          {outcome.venue} {outcome.symbol} {outcome.timeframe} bars opening from{' '}
          {choice.from.replace('T', ' ')} through {choice.through.replace('T', ' ')} UTC
        </p>
      )}
    </div>
  );
}

export function DataChoice({ disabled, onRecorded }: { disabled: boolean; onRecorded: () => void }) {
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
      <label>
        <input
          type="radio"
          name="backtest-data"
          data-testid="data-recorded"
          checked={data.kind === 'recorded'}
          onChange={() => {
            set({ data: { kind: 'recorded', key: null, from: '', through: '' } });
            // Asked afresh each time: a recorder or an import may have added history since.
            onRecorded();
          }}
        />
        Recorded history <span className="backtest__hint">bars the server’s market store holds</span>
      </label>
      {data.kind === 'recorded' ? <RecordedFields choice={data} /> : null}
    </fieldset>
  );
}
