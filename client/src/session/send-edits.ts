// Sends an edit group over PatchHub: a single edit through its own method (so the server log
// reads "setParam ema1.period"), several through applyEdits, which applies them atomically.
import type { EditResult } from '@patchdesk/modules/contracts/hubs';
import type { PatchEdit } from '@patchdesk/modules/patch/types';
import type { Hubs } from '../hub/hubs';

export function sendEdits(
  hub: Hubs['patch'],
  name: string,
  edits: readonly PatchEdit[],
): Promise<EditResult> {
  const only = edits.length === 1 ? edits[0] : null;
  switch (only?.kind) {
    case 'setParam':
      return hub.invoke('setParam', name, only.moduleId, only.param, only.value);
    case 'connect':
      return hub.invoke('connect', name, only.cable);
    case 'disconnect':
      return hub.invoke('disconnect', name, only.cable);
    case 'addModule':
      return hub.invoke('addModule', name, only.module);
    case 'removeModule':
      return hub.invoke('removeModule', name, only.moduleId);
    case 'moveModule':
      return hub.invoke('moveModule', name, only.moduleId, only.position);
    case 'setView':
      return hub.invoke('setView', name, only.view);
    default:
      return hub.invoke('applyEdits', name, [...edits]);
  }
}
