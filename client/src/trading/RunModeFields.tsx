// Beside Run: Replay or Paper, bars per tick, and for a paper run the venue's starting balance,
// taker fee and leverage. Empty fields show the server's defaults as placeholders; a value out
// of range is outlined, says why in its tooltip, and blocks Run.
import { useRunConfigStore } from '../stores/run-config-store';
import { paperDefaults } from './run-config-form';
import type { RunConfigField, RunConfigResult, RunMode } from './run-config-form';

interface FieldSpec {
  field: RunConfigField;
  label: string;
  placeholder: string;
  title: string;
  paperOnly: boolean;
}

const fields: FieldSpec[] = [
  {
    field: 'barsPerTick',
    label: 'bars/tick',
    placeholder: '1',
    title: 'Bars replayed per 100 ms tick',
    paperOnly: false,
  },
  {
    field: 'startingBalance',
    label: 'balance',
    placeholder: String(paperDefaults.startingBalance),
    title: 'Starting balance in USDT',
    paperOnly: true,
  },
  {
    field: 'takerFeeBps',
    label: 'taker bps',
    placeholder: String(paperDefaults.takerFeeBps),
    title: 'Taker fee in basis points (5 = 0.05 %)',
    paperOnly: true,
  },
  {
    field: 'leverage',
    label: 'lev',
    placeholder: String(paperDefaults.leverage),
    title: 'Leverage, 1-125',
    paperOnly: true,
  },
];

export function RunModeFields({
  problems,
  disabled,
}: {
  problems: RunConfigResult['problems'];
  disabled: boolean;
}) {
  const form = useRunConfigStore((state) => state.form);
  const setMode = useRunConfigStore((state) => state.setMode);
  const setField = useRunConfigStore((state) => state.setField);
  return (
    <span className="run-config" data-testid="run-config">
      <select
        data-testid="run-mode-select"
        value={form.mode}
        disabled={disabled}
        title="Replay computes signals; Paper also trades the patch's orders on the simulated venue"
        onChange={(event) => setMode(event.target.value as RunMode)}
      >
        <option value="replay">Replay</option>
        <option value="paper">Paper</option>
      </select>
      {fields
        .filter((spec) => !spec.paperOnly || form.mode === 'paper')
        .map((spec) => {
          const problem = problems[spec.field];
          return (
            <label
              key={spec.field}
              className={`run-config__field${problem ? ' run-config__field--invalid' : ''}`}
            >
              <span>{spec.label}</span>
              <input
                data-testid={`run-${spec.field}`}
                inputMode="decimal"
                value={form[spec.field]}
                placeholder={spec.placeholder}
                disabled={disabled}
                aria-invalid={problem !== undefined}
                title={problem ? `${spec.title}: ${problem}` : `${spec.title} (empty: ${spec.placeholder})`}
                onChange={(event) => setField(spec.field, event.target.value)}
              />
            </label>
          );
        })}
    </span>
  );
}
