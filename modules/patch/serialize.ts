// Patch files are written with one fixed key order, sorted params, 2-space indent and a trailing
// newline, so the same patch always gives the same bytes and git diffs show only real changes.
import type { ParamValue } from '../sdk/params';
import type { Cable, Patch, PatchModule, PatchView, PortRef, Subpatch } from './types';

export function serializePatch(patch: Patch): string {
  const ordered = {
    schemaVersion: patch.schemaVersion,
    name: patch.name,
    description: patch.description,
    modules: patch.modules.map(orderModule),
    cables: patch.cables.map(orderCable),
    ...(patch.subpatches === undefined ? {} : { subpatches: patch.subpatches.map(orderSubpatch) }),
    // Last, and only when set: files written before the view existed keep their bytes (and hashes).
    ...(patch.view === undefined ? {} : { view: orderView(patch.view) }),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderModule(module: PatchModule): PatchModule {
  // fromEntries defines each key as its own property; assigning `params[name]` would turn a
  // "__proto__" key into a prototype change (the schema refuses such keys; this is the backstop).
  const params: Record<string, ParamValue> = Object.fromEntries(
    Object.keys(module.params)
      .sort()
      .map((name) => [name, module.params[name]]),
  );
  return {
    id: module.id,
    type: module.type,
    params,
    position: { x: module.position.x, y: module.position.y },
  };
}

function orderCable(cable: Cable): Cable {
  return { from: orderRef(cable.from), to: orderRef(cable.to) };
}

function orderRef(ref: PortRef): PortRef {
  return { module: ref.module, port: ref.port };
}

function orderSubpatch(subpatch: Subpatch): Subpatch {
  return {
    id: subpatch.id,
    title: subpatch.title,
    inlets: subpatch.inlets.map((inlet) => ({
      name: inlet.name,
      type: inlet.type,
      to: inlet.to.map(orderRef),
    })),
    outlets: subpatch.outlets.map((outlet) => ({
      name: outlet.name,
      type: outlet.type,
      from: orderRef(outlet.from),
    })),
    modules: subpatch.modules.map(orderModule),
    cables: subpatch.cables.map(orderCable),
  };
}

function orderView(view: PatchView): PatchView {
  return {
    ...(view.probes === undefined ? {} : { probes: [...view.probes] }),
    ...(view.panes === undefined
      ? {}
      : {
          panes: {
            order: [...view.panes.order],
            collapsed: [...view.panes.collapsed],
            ...(view.panes.heightPx === undefined ? {} : { heightPx: view.panes.heightPx }),
          },
        }),
    ...(view.comments === undefined
      ? {}
      : {
          comments: view.comments.map((c) => ({
            id: c.id,
            text: c.text,
            position: { x: c.position.x, y: c.position.y },
          })),
        }),
    ...(view.groups === undefined
      ? {}
      : {
          groups: view.groups.map((g) => ({
            id: g.id,
            title: g.title,
            position: { x: g.position.x, y: g.position.y },
            size: { width: g.size.width, height: g.size.height },
          })),
        }),
  };
}
