// The `stream` param every market source shares: which of the run config's market streams
// (venue and symbol) it reads, by index, since params carry numbers and not strings.
import { param } from '../../../sdk/params';
import type { IntParamSpec } from '../../../sdk/params';
import { marketStreamsMax } from '../../../sdk/market-feed';

export function streamParam(
  description = "Index of the stream (venue and symbol) in the run config's market streams",
): IntParamSpec {
  return param.int({ default: 0, min: 0, max: marketStreamsMax - 1, description });
}

/** For modules that read several streams: -1 leaves the slot empty. */
export function optionalStreamParam(which: string): IntParamSpec {
  return param.int({
    default: -1,
    min: -1,
    max: marketStreamsMax - 1,
    description: `Index of the ${which} stream in the run config's market streams; -1 for none`,
  });
}
