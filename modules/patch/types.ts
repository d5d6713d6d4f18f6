// The patch file: what a quant saves, versions and diffs. JSON, written with a stable key
// order (see serialize.ts) so git diffs stay clean.
import type { ParamValue } from '../sdk/params';
import type { PortType } from '../sdk/ports';

export const patchSchemaVersion = 1;

export interface PortRef {
  module: string;
  port: string;
}

export interface Cable {
  from: PortRef;
  to: PortRef;
}

export interface Position {
  x: number;
  y: number;
}

export interface PatchModule {
  id: string;
  type: string;
  params: Record<string, ParamValue>;
  position: Position;
}

/**
 * How the editor shows a patch, saved with it so another browser opens it the same way. The
 * kernel never reads it, diff ignores it, and a merge takes it without a conflict (ours wins
 * when both sides changed it, as with positions): it is layout, not meaning.
 */
export interface PatchView {
  /** Probed output ports, `MODULE.PORT`, in the order the probe panel lists them. */
  probes?: string[];
  /** Text notes placed on the canvas; the whole list is replaced by a setView that names it. */
  comments?: PatchComment[];
  /** Titled frames around modules; the whole list is replaced by a setView that names it. */
  groups?: PatchGroup[];
  /** The probe panes as arranged: order, collapsed ones and the panel's height. */
  panes?: PatchPaneLayout;
}

/** Pane ids are the editor's ("price", "volume", "bool", "scale:..."); unknown ones are ignored. */
export interface PatchPaneLayout {
  /** Pane ids in the order chosen; a pane not listed goes after them. */
  order: string[];
  collapsed: string[];
  /** Height of the probe panel in CSS px, when it was resized. */
  heightPx?: number;
}

/** A note on the canvas: layout, never read by the kernel, validation or diff. */
export interface PatchComment {
  id: string;
  text: string;
  position: Position;
}

/**
 * A titled frame on the canvas. Which modules it holds is not stored: the editor takes the
 * modules whose box centre lies inside it when the frame is moved, so a module dragged out of a
 * frame leaves it. Layout only, like a comment.
 */
export interface PatchGroup {
  id: string;
  title: string;
  /** Top-left corner, flow coordinates. */
  position: Position;
  size: { width: number; height: number };
}

/** A subpatch input: what arrives from outside feeds these inputs of the modules inside. */
export interface SubpatchInlet {
  name: string;
  type: PortType;
  /** Inputs inside the subpatch (inner module ids) this inlet feeds. */
  to: PortRef[];
}

/** A subpatch output: shows one output of a module inside. */
export interface SubpatchOutlet {
  name: string;
  type: PortType;
  /** The output inside (inner module id) this outlet shows. */
  from: PortRef;
}

/**
 * Modules and cables packed into one module with typed inlets and outlets. A module of type
 * `subpatch:ID` in the patch is an instance of it; flattenPatch (flatten.ts) replaces each
 * instance by its modules, with ids that are paths (`INSTANCE/INNER`). A definition's modules
 * may be instances of other definitions of the same patch (`A/B/INNER` once flat), at most
 * `subpatchDepthMax` levels deep and never containing itself.
 */
export interface Subpatch {
  id: string;
  title: string;
  inlets: SubpatchInlet[];
  outlets: SubpatchOutlet[];
  modules: PatchModule[];
  cables: Cable[];
}

export interface Patch {
  schemaVersion: typeof patchSchemaVersion;
  name: string;
  description: string;
  modules: PatchModule[];
  cables: Cable[];
  /** Absent when the patch has none: files without subpatches keep their bytes (and hashes). */
  subpatches?: Subpatch[];
  /** Absent in files written before it existed, and until the editor first sets it. */
  view?: PatchView;
}

/** Edits the editor and the hubs send; applied to a document, or hot to a running kernel. */
export type PatchEdit =
  | { kind: 'addModule'; module: PatchModule }
  | { kind: 'removeModule'; moduleId: string }
  | { kind: 'moveModule'; moduleId: string; position: Position }
  | { kind: 'connect'; cable: Cable }
  | { kind: 'disconnect'; cable: Cable }
  | { kind: 'setParam'; moduleId: string; param: string; value: ParamValue }
  | { kind: 'setMetadata'; name?: string; description?: string }
  /** Adds a subpatch definition, or replaces the one with its id (an edit inside it). */
  | { kind: 'setSubpatch'; subpatch: Subpatch }
  /** Removes a subpatch definition; refused while a module is an instance of it. */
  | { kind: 'removeSubpatch'; subpatchId: string }
  /** Replaces the view fields it names (a probe toggle); never hot-patches a run. */
  | { kind: 'setView'; view: PatchView };

/** Edits that change only layout or the view: no validation, and nothing for a running kernel. */
export function isLayoutEdit(edit: PatchEdit): boolean {
  return edit.kind === 'moveModule' || edit.kind === 'setView';
}

/** Stable problem codes: tests, the CLI and the editor match on these. */
export type ProblemCode =
  | 'SCHEMA_INVALID'
  | 'DUPLICATE_MODULE_ID'
  | 'UNKNOWN_MODULE_TYPE'
  | 'UNKNOWN_MODULE'
  | 'UNKNOWN_PORT'
  | 'UNKNOWN_PARAM'
  | 'PARAM_INVALID'
  | 'TYPE_MISMATCH'
  | 'INPUT_ALREADY_CONNECTED'
  | 'MISSING_REQUIRED_INPUT'
  | 'CYCLE'
  | 'DUPLICATE_CABLE'
  /** An edit names a cable that is not in the patch (disconnect). */
  | 'UNKNOWN_CABLE'
  /** A key or name is "__proto__", "constructor" or "prototype" (see forbidden-keys.ts). */
  | 'FORBIDDEN_KEY'
  /** A subpatch definition or instance that cannot be flattened (see flatten.ts). */
  | 'SUBPATCH_INVALID';

export interface Problem {
  code: ProblemCode;
  message: string;
  /** Where: as much of module id, port, param, cable index or JSON path as applies. */
  location: { moduleId?: string; port?: string; param?: string; cableIndex?: number; path?: string };
  /** For CYCLE: the module ids on the cycle, in order. */
  cycle?: string[];
}

export function portKey(ref: PortRef): string {
  return `${ref.module}.${ref.port}`;
}

/**
 * An unconnected required input makes a patch incomplete, not broken: the editor builds patches
 * step by step and a running patch is edited live, so only the other problems block a run
 * (the input then reads NaN). `patchdesk validate` still reports every problem.
 */
export function blockingProblems(problems: readonly Problem[]): Problem[] {
  return problems.filter((problem) => problem.code !== 'MISSING_REQUIRED_INPUT');
}
