// A typed widget for one parameter: int and float as number fields that respect the bounds,
// enum as a select, bool as a checkbox. A valid change is sent at once (Enter or leaving the field).
import { memo, useEffect, useState } from 'react';
import type { CatalogParam } from '@patchdesk/modules/sdk/registry';
import { checkParamValue } from '@patchdesk/modules/sdk/params';
import type { ParamValue } from '@patchdesk/modules/sdk/params';

export interface ParamFieldProps {
  moduleId: string;
  spec: CatalogParam;
  value: ParamValue;
  highlighted: boolean;
  onChange(moduleId: string, param: string, value: ParamValue): void;
}

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
  useEffect(() => setDraft(String(value)), [value]);
  const testId = `param-${moduleId}.${spec.name}`;
  const className = `param-field${highlighted ? ' param-field--changed' : ''}`;

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
    if (problem === null && parsed !== value) onChange(moduleId, spec.name, parsed);
    else if (problem !== null) setDraft(String(value));
  };
  return (
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
    </label>
  );
});
