// A sweep's runs as a table sortable by any column (best first by the objective to begin with);
// a click on a row opens that run as a backtest in the panel.
import { useMemo, useState } from 'react';
import {
  sweepParamName,
  sweepRowMetrics,
  type SweepOutcome,
  type SweepRowMetric,
} from '@patchdesk/modules/contracts/sweep';
import { formatMetric, metricInfos } from './metric-info';
import { defaultSweepSort, sameSortKey, sortedRowIndices, type SweepSortKey } from './sweep-sort';

const labelOf = (name: SweepRowMetric | SweepOutcome['objective']) =>
  metricInfos.find((info) => info.name === name)?.label ?? name;

export function SweepTable({
  outcome,
  selected,
  onOpen,
}: {
  outcome: SweepOutcome;
  selected: number | null;
  onOpen: (index: number) => void;
}) {
  const lowerIsBetter = outcome.objective === 'maxDrawdown';
  const [sort, setSort] = useState(() => defaultSweepSort(lowerIsBetter));
  const order = useMemo(() => sortedRowIndices(outcome.rows, sort), [outcome.rows, sort]);
  const names = outcome.ranges.map(sweepParamName);
  const columns: { key: SweepSortKey; label: string; id: string }[] = [
    ...names.map((name) => ({ key: { kind: 'param', name } as const, label: name, id: `param-${name}` })),
    { key: { kind: 'value' }, label: `${labelOf(outcome.objective)} ★`, id: 'value' },
    ...sweepRowMetrics
      .filter((name) => name !== outcome.objective)
      .map((name) => ({
        key: { kind: 'metric', name } as const,
        label: labelOf(name),
        id: `metric-${name}`,
      })),
  ];
  const click = (key: SweepSortKey) =>
    setSort(sameSortKey(sort.key, key) ? { key, descending: !sort.descending } : { key, descending: true });
  if (outcome.rows.length === 0) return <p className="trading__empty">No run finished.</p>;
  return (
    <div className="sweep-table__scroll">
      <table className="trading-table sweep-table" data-testid="sweep-table">
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sameSortKey(sort.key, column.key);
              return (
                <th
                  key={column.id}
                  data-testid={`sweep-sort-${column.id}`}
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                  onClick={() => click(column.key)}
                >
                  {column.label}
                  {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {order.map((index) => {
            const row = outcome.rows[index];
            const classes = [
              index === selected ? 'sweep-table__selected' : '',
              index === outcome.best ? 'sweep-table__best' : '',
            ];
            return (
              <tr
                key={row.index}
                data-testid="sweep-row"
                data-row={index}
                className={classes.join(' ').trim()}
                title="Click to backtest these params in the panel"
                onClick={() => onOpen(index)}
              >
                {names.map((name) => (
                  <td key={name}>{row.params[name]}</td>
                ))}
                <td data-testid="sweep-value" data-value={row.value ?? ''}>
                  {formatMetric(outcome.objective, row.value)}
                </td>
                {sweepRowMetrics
                  .filter((name) => name !== outcome.objective)
                  .map((name) => (
                    <td key={name}>{formatMetric(name, row.metrics[name])}</td>
                  ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
