// The venue model of a backtest: each field checked as it is typed, its problem under it.
// Empty fields show the server's defaults as placeholders. The pace only changes how fast it
// runs, never the result.
import { useBacktestStore } from './backtest-store';
import { paceChoices } from './pace';
import { venueDefaults, venueFields, type VenueModelResult } from './venue-form';

export function VenueFields({
  problems,
  disabled,
}: {
  problems: VenueModelResult['problems'];
  disabled: boolean;
}) {
  const venue = useBacktestStore((state) => state.venue);
  const pace = useBacktestStore((state) => state.speedChoice);
  const set = useBacktestStore((state) => state.set);
  return (
    <fieldset className="backtest-venue" disabled={disabled} data-testid="backtest-venue">
      <legend>Venue model</legend>
      {venueFields.map(({ field, label, unit }) => (
        <label key={field} className={`backtest-field${problems[field] ? ' backtest-field--bad' : ''}`}>
          <span>
            {label} <span className="backtest__hint">{unit}</span>
          </span>
          <input
            data-testid={`venue-${field}`}
            inputMode="decimal"
            placeholder={String(venueDefaults[field])}
            value={venue[field]}
            aria-invalid={problems[field] ? true : undefined}
            onChange={(event) => set({ venue: { ...venue, [field]: event.target.value } })}
          />
          {problems[field] ? (
            <span className="backtest__problem" data-testid={`venue-problem-${field}`}>
              {problems[field]}
            </span>
          ) : null}
        </label>
      ))}
      <label className="backtest-field">
        <span>Margin mode</span>
        <select
          data-testid="venue-marginMode"
          value={venue.marginMode}
          onChange={(event) =>
            set({ venue: { ...venue, marginMode: event.target.value as 'cross' | 'isolated' } })
          }
        >
          <option value="cross">cross</option>
          <option value="isolated">isolated</option>
        </select>
      </label>
      <label className="backtest-field" title="How fast it runs; the result is the same at any pace">
        <span>Pace</span>
        <select
          data-testid="backtest-pace"
          value={pace}
          onChange={(event) => set({ speedChoice: Number(event.target.value) })}
        >
          {paceChoices.map((choice, index) => (
            <option key={choice.label} value={index}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
