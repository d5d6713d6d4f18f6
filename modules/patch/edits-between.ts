// The edits that turn one patch into another whose modules were only added or removed (what
// make and unmake subpatch do): sent as one group, so the server applies them atomically, the
// undo stack inverts them like any edit, and no hub method is needed for subpatches.
import type { Cable, Patch, PatchEdit } from './types';

export function editsBetween(before: Patch, after: Patch): PatchEdit[] {
  const edits: PatchEdit[] = [];
  const beforeIds = new Set(before.modules.map((m) => m.id));
  const afterIds = new Set(after.modules.map((m) => m.id));
  const beforeSubpatches = new Map((before.subpatches ?? []).map((s) => [s.id, s]));
  for (const subpatch of after.subpatches ?? []) {
    const old = beforeSubpatches.get(subpatch.id);
    if (!old || JSON.stringify(old) !== JSON.stringify(subpatch))
      edits.push({ kind: 'setSubpatch', subpatch });
  }
  const removed = new Set(before.modules.filter((m) => !afterIds.has(m.id)).map((m) => m.id));
  for (const moduleId of removed) edits.push({ kind: 'removeModule', moduleId });
  const afterCables = new Set(after.cables.map(cableKey));
  // removeModule took the cables of removed modules with it.
  const kept = before.cables.filter((c) => !removed.has(c.from.module) && !removed.has(c.to.module));
  for (const cable of kept) if (!afterCables.has(cableKey(cable))) edits.push({ kind: 'disconnect', cable });
  for (const module of after.modules)
    if (!beforeIds.has(module.id)) edits.push({ kind: 'addModule', module });
  const keptKeys = new Set(kept.map(cableKey));
  for (const cable of after.cables)
    if (!keptKeys.has(cableKey(cable))) edits.push({ kind: 'connect', cable });
  const afterSubpatchIds = new Set((after.subpatches ?? []).map((s) => s.id));
  for (const id of beforeSubpatches.keys())
    if (!afterSubpatchIds.has(id)) edits.push({ kind: 'removeSubpatch', subpatchId: id });
  const probes = after.view?.probes;
  if (probes !== undefined && JSON.stringify(probes) !== JSON.stringify(before.view?.probes))
    edits.push({ kind: 'setView', view: { probes } });
  const panes = after.view?.panes;
  if (panes !== undefined && JSON.stringify(panes) !== JSON.stringify(before.view?.panes))
    edits.push({ kind: 'setView', view: { panes } });
  const comments = after.view?.comments;
  if (comments !== undefined && JSON.stringify(comments) !== JSON.stringify(before.view?.comments))
    edits.push({ kind: 'setView', view: { comments } });
  const groups = after.view?.groups;
  if (groups !== undefined && JSON.stringify(groups) !== JSON.stringify(before.view?.groups))
    edits.push({ kind: 'setView', view: { groups } });
  return edits;
}

function cableKey(cable: Cable): string {
  return `${cable.from.module}\u0000${cable.from.port}\u0000${cable.to.module}\u0000${cable.to.port}`;
}
