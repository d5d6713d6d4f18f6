// The sweep set-up: the params added with "sweep this" (from, to, step each, editable, with a
// remove button), grid or random search (samples, seed), and the objective.
import { sweepObjectives, sweepParamName, type SweepObjective } from '@patchdesk/modules/contracts/sweep';
import { metricInfos } from './metric-info';
import { valuesInRange } from './sweep-form';
import { useSweepStore } from './sweep-store';

const rangeFields = ['from', 'to', 'step'] as const;

function objectiveLabel(objective: SweepObjective): string {
  const label = metricInfos.find((info) => info.name === objective)?.label ?? objective;
  return objective === 'maxDrawdown' ? `${label} (lower is better)` : label;
}

export function SweepSetup({ disabled }: { disabled: boolean }) {
  const form = useSweepStore((state) => state.form);
  const { updateParam, removeParam, setForm } = useSweepStore.getState();
  return (
    <fieldset className="sweep-setup" disabled={disabled} data-testid="sweep-setup">
      <legend>Sweep</legend>
      {form.params.length === 0 ? (
        <p className="backtest__hint" data-testid="sweep-empty">
          Click ⇅ beside a number param on the canvas to sweep it (one to three params).
        </p>
      ) : (
        <table className="sweep-setup__params">
          <thead>
            <tr>
              <th>Param</th>
              {rangeFields.map((field) => (
                <th key={field}>{field}</th>
              ))}
              <th title="Values this range spans">n</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.params.map((p) => {
              const name = sweepParamName(p);
              const count = valuesInRange(Number(p.from), Number(p.to), Number(p.step));
              return (
                <tr key={name} data-testid={`sweep-param-${name}`}>
                  <td title={`[${p.min}, ${p.max}], ${p.kind}`}>{name}</td>
                  {rangeFields.map((field) => (
                    <td key={field}>
                      <input
                        data-testid={`sweep-${field}-${name}`}
                        inputMode="decimal"
                        value={p[field]}
                        onChange={(event) => updateParam(name, field, event.target.value)}
                      />
                    </td>
                  ))}
                  <td data-testid={`sweep-count-${name}`}>
                    {Number.isFinite(count) && count > 0 ? count : '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      title={`Stop sweeping ${name}`}
                      data-testid={`sweep-remove-${name}`}
                      onClick={() => removeParam(name)}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="sweep-setup__options">
        <label className="backtest-field">
          <span>Search</span>
          <select
            data-testid="sweep-search"
            value={form.search}
            onChange={(event) => setForm({ search: event.target.value as 'grid' | 'random' })}
          >
            <option value="grid">grid (every point)</option>
            <option value="random">random (seeded sample)</option>
          </select>
        </label>
        {form.search === 'random' ? (
          <>
            <label className="backtest-field">
              <span>Samples</span>
              <input
                data-testid="sweep-samples"
                inputMode="numeric"
                value={form.samples}
                onChange={(event) => setForm({ samples: event.target.value })}
              />
            </label>
            <label className="backtest-field">
              <span>Seed</span>
              <input
                data-testid="sweep-seed"
                inputMode="numeric"
                value={form.seed}
                onChange={(event) => setForm({ seed: event.target.value })}
              />
            </label>
          </>
        ) : null}
        <label className="backtest-field">
          <span>Objective</span>
          <select
            data-testid="sweep-objective"
            value={form.objective}
            onChange={(event) => setForm({ objective: event.target.value as SweepObjective })}
          >
            {sweepObjectives.map((objective) => (
              <option key={objective} value={objective}>
                {objectiveLabel(objective)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </fieldset>
  );
}
