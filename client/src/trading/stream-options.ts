// The choices a source module's stream param offers on the canvas: the run config's streams,
// labelled "venue · symbol" with their index as the value. A param is a stream param when it is
// an int named `stream` (or streamA..streamD) whose help names the run config's market streams,
// as modules/library/sources/internal/stream-param.ts makes them.
import type { MarketStreamRef } from '@patchdesk/modules/contracts/hubs';
import type { CatalogParam } from '@patchdesk/modules/sdk/registry';

export interface StreamOption {
  value: number;
  label: string;
}

export function isStreamParam(spec: CatalogParam): boolean {
  return (
    spec.kind === 'int' && /^stream[A-Z]?$/.test(spec.name) && spec.description.includes('market streams')
  );
}

/**
 * The options for a stream param, or null when the number field should show (not a stream
 * param, or no streams listed). A value the list does not reach stays choosable, marked, so
 * picking nothing never changes the param.
 */
export function streamOptions(
  spec: CatalogParam,
  streams: readonly MarketStreamRef[],
  value: number,
): StreamOption[] | null {
  if (!isStreamParam(spec) || streams.length === 0 || spec.kind !== 'int') return null;
  const options: StreamOption[] = [];
  if (spec.min < 0) options.push({ value: -1, label: 'none' });
  streams.forEach((stream, index) => {
    if (index <= spec.max)
      options.push({ value: index, label: `${stream.venue || '?'} · ${stream.symbol || '?'}` });
  });
  if (!options.some((option) => option.value === value)) {
    options.push({ value, label: `${value} · not in the run config` });
  }
  return options;
}
