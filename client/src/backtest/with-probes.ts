// A backtest keeps the history of the patch's probes (its view). The probes on show are the
// ones a quant means, also when the patch has none saved yet (the defaults), so the patch sent
// carries them.
import type { Patch } from '@patchdesk/modules/patch/types';

export function withShownProbes(patch: Patch, shown: readonly string[]): Patch {
  if (shown.length === 0) return patch;
  return { ...patch, view: { ...patch.view, probes: [...shown] } };
}
