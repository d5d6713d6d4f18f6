// A typed widget for one parameter: int and float as number fields that respect the bounds,
// enum as a select, bool as a checkbox. A valid change is sent at once (Enter or leaving the field);
// an invalid one is not sent, and the field says why under itself ("1 is outside [2, 10000]").
// A number field has "sweep this" (⇅): it adds the param to the Backtest panel's sweep set-up.
// A source's stream param is a select of the run config's streams ("venue · symbol", value the
// index) while that list has any; the number field otherwise.
import { memo, useEffect, useRef, useState } from 'react';
import type { CatalogParam } from '@patchdesk/modules/sdk/registry';
import { checkParamValue } from '@patchdesk/modules/sdk/params';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import { useSweepStore } from '../backtest/sweep-store';
import type { MarketStreamRef } from '@patchdesk/modules/contracts/hubs';
import { useRunConfigStore } from '../stores/run-config-store';
import { useUiStore } from '../stores/ui-store';
import { isStreamParam, streamOptions } from '../trading/stream-options';

export interface ParamFieldProps {
  moduleId: string;
  spec: CatalogParam;
  value: ParamValue;
  highlighted: boolean;
  onChange(moduleId: string, param: string, value: ParamValue): void;
}

/** How long the reason for a refused value stays under the field after it was put back. */
export const paramRefusalShownMs = 6000;

// Selected by every field that is not a stream param, so a stream edit re-renders only stream params.
const noStreams: MarketStreamRef[] = [];

function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export const ParamField = memo(function ParamField({
  moduleId,
  spec,
  value,
  highlighted,
  onChange,
}: ParamFieldProps) {
  const [draft, setDraft] = useState(String(value));
  const [refusal, setRefusal] = useState<string | null>(null);
  const refusalTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setDraft(String(value)), [value]);
  useEffect(() => () => clearTimeout(refusalTimer.current ?? undefined), []);
  const streams = useRunConfigStore((state) => (isStreamParam(spec) ? state.form.streams : noStreams));
  const testId = `param-${moduleId}.${spec.name}`;
  const className = `param-field${highlighted ? ' param-field--changed' : ''}`;

  const choices = streamOptions(spec, streams, Number(value));
  if (choices) {
    return (
      <label className={className} title={`${spec.description}: the run config's market streams`}>
        <span className="param-field__name">{spec.name}</span>
        <select
          className="nodrag"
          data-testid={testId}
          value={String(value)}
          onChange={(event) => onChange(moduleId, spec.name, Number(event.target.value))}
        >
          {choices.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
    );
  }

  if (spec.kind === 'bool') {
    return (
      <label className={className} title={spec.description}>
        <span className="param-field__name">{spec.name}</span>
        <input
          className="nodrag"
          type="checkbox"
          data-testid={testId}
          checked={value === true}
          onChange={(event) => onChange(moduleId, spec.name, event.target.checked)}
        />
      </label>
    );
  }
  if (spec.kind === 'enum') {
    return (
      <label className={className} title={spec.description}>
        <span className="param-field__name">{spec.name}</span>
        <select
          className="nodrag"
          data-testid={testId}
          value={String(value)}
          onChange={(event) => onChange(moduleId, spec.name, event.target.value)}
        >
          {spec.values.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
    );
  }

  const parsed = parseNumber(draft);
  const problem = checkParamValue(spec, parsed);
  const commit = (): void => {
    if (problem === null) {
      setRefusal(null);
      if (parsed !== value) onChange(moduleId, spec.name, parsed);
      return;
    }
    // Not sent: put the value back and say why, at the field, for long enough to read.
    setRefusal(`${spec.name} ${problem}; kept ${String(value)}`);
    setDraft(String(value));
    clearTimeout(refusalTimer.current ?? undefined);
    refusalTimer.current = setTimeout(() => setRefusal(null), paramRefusalShownMs);
  };
  const shown = problem ?? refusal;
  return (
    <>
      <label className={className} title={problem ?? `${spec.description} [${spec.min}, ${spec.max}]`}>
        <span className="param-field__name">{spec.name}</span>
        <input
          className={`nodrag nowheel${problem ? ' param-field__input--invalid' : ''}`}
          type="number"
          data-testid={testId}
          aria-invalid={problem !== null}
          min={spec.min}
          max={spec.max}
          step={spec.kind === 'int' ? 1 : 'any'}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter') commit();
            if (event.key === 'Escape') setDraft(String(value));
          }}
        />
        <button
          type="button"
          className="param-field__sweep nodrag"
          title={`Sweep ${moduleId}.${spec.name}: add it to the Backtest panel's sweep`}
          aria-label={`sweep ${moduleId}.${spec.name}`}
          data-testid={`sweep-this-${moduleId}.${spec.name}`}
          onClick={() => {
            useSweepStore.getState().addParam(moduleId, spec, Number(value));
            useUiStore.getState().setPanel('backtest');
          }}
        >
          ⇅
        </button>
      </label>
      {shown ? (
        <div className="param-field__problem" role="alert" data-testid={`${testId}-problem`}>
          {problem ? `${spec.name} ${problem}` : refusal}
        </div>
      ) : null}
    </>
  );
});
