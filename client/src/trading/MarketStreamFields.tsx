// The run config's market streams: rows of a venue select (MarketHub getVenues) and a symbol
// select (the venue's markets, read once per venue), added and removed by hand. A row's index is
// what a source module's `stream` param names. A half-filled or repeated row is outlined, says
// why in its tooltip, and blocks Run.
import { useEffect, useState } from 'react';
import { useRunConfigStore } from '../stores/run-config-store';
import { marketCatalog } from './market-catalog-connection';
import { runStreamsMax } from './run-config-form';

type Load<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

function useLoad<T>(load: (() => Promise<T>) | null, key: string): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' });
  useEffect(() => {
    if (!load) return;
    let live = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: unknown) => live && setResult({ state: 'failed', message: (error as Error).message }),
    );
    return () => {
      live = false;
    };
    // `key` names what `load` reads; the function itself is made anew each render.
  }, [key]);
  return result;
}

function StreamRow({ index, problem, disabled }: { index: number; problem?: string; disabled: boolean }) {
  const stream = useRunConfigStore((state) => state.form.streams[index]);
  const setStream = useRunConfigStore((state) => state.setStream);
  const removeStream = useRunConfigStore((state) => state.removeStream);
  const venues = useLoad(() => marketCatalog().venues(), 'venues');
  const venue = stream?.venue ?? '';
  const markets = useLoad(venue ? () => marketCatalog().markets(venue) : null, venue);
  if (!stream) return null;
  const venueOptions = venues.state === 'ready' ? venues.value : [];
  const symbolOptions = venue && markets.state === 'ready' ? markets.value : [];
  const failed =
    venues.state === 'failed' ? venues.message : markets.state === 'failed' && venue ? markets.message : null;
  return (
    <span
      className={`run-stream${problem ? ' run-config__field--invalid' : ''}`}
      data-testid={`run-stream-${index}`}
      title={
        problem ? `Stream ${index}: ${problem}` : `Stream ${index}: a source's stream param ${index} reads it`
      }
    >
      <span className="run-stream__index">{index}</span>
      <select
        data-testid={`run-stream-${index}-venue`}
        aria-label={`Stream ${index} venue`}
        aria-invalid={problem !== undefined}
        value={stream.venue}
        disabled={disabled}
        onChange={(event) => setStream(index, { venue: event.target.value })}
      >
        <option value="">{venues.state === 'loading' ? 'venues…' : 'venue'}</option>
        {venueOptions.map((option) => (
          <option key={option.venue} value={option.venue}>
            {option.label}
          </option>
        ))}
      </select>
      <select
        data-testid={`run-stream-${index}-symbol`}
        aria-label={`Stream ${index} symbol`}
        aria-invalid={problem !== undefined}
        value={stream.symbol}
        disabled={disabled || !venue}
        onChange={(event) => setStream(index, { symbol: event.target.value })}
      >
        <option value="">{venue && markets.state === 'loading' ? 'symbols…' : 'symbol'}</option>
        {symbolOptions.map((symbol) => (
          <option key={symbol} value={symbol}>
            {symbol}
          </option>
        ))}
      </select>
      <button
        type="button"
        data-testid={`run-stream-${index}-remove`}
        aria-label={`Remove stream ${index}`}
        title="Remove this stream (later streams move up one index)"
        disabled={disabled}
        onClick={() => removeStream(index)}
      >
        ×
      </button>
      {failed ? (
        <span className="run-stream__problem" role="alert">
          {failed}
        </span>
      ) : null}
    </span>
  );
}

export function MarketStreamFields({
  problems,
  disabled,
}: {
  problems: Record<number, string>;
  disabled: boolean;
}) {
  const count = useRunConfigStore((state) => state.form.streams.length);
  const addStream = useRunConfigStore((state) => state.addStream);
  return (
    <span className="run-streams" data-testid="run-streams">
      <span className="run-streams__label" title="The market streams the run's market sources read, by index">
        Market streams
      </span>
      {Array.from({ length: count }, (_, index) => (
        <StreamRow key={index} index={index} problem={problems[index]} disabled={disabled} />
      ))}
      <button
        type="button"
        data-testid="run-stream-add"
        title={count >= runStreamsMax ? `At most ${runStreamsMax} streams` : 'Add a market stream'}
        disabled={disabled || count >= runStreamsMax}
        onClick={addStream}
      >
        + stream
      </button>
    </span>
  );
}
