// Compile a patch into a Plan: resolve definitions and cables, order the modules with Kahn's
// algorithm, lay out the slots flat, and (on a hot patch) carry over every instance that may
// be kept. The patch has been validated; anything invalid here is a broken invariant.
import type { Cable, Patch } from '../patch/types';
import { flattenPatch } from '../patch/flatten';
import type { ModuleRegistry } from '../sdk/registry';
import { canKeepInstance, createInstance, inboundKeyOf, paramsKeyOf } from './instances';
import type { ModuleInstance, PortValues } from './instances';
import { PositionFlag } from './plan';
import type { Plan } from './plan';
import { SlotKind, portLayoutOf } from './port-layout';
import type { PortLayout } from './port-layout';
import { batchRunnerFor } from './batch-runner';
import type { BatchRunner } from './batch-runner';
import { latchRunnerFor } from './latch-runner';
import { fusedRunnersFor } from './fused-runner';
import type { FusedRunner } from './fused-runner';
import { codeGenerationWorks } from './runner-source';
import type { RunnerMode } from './runner-source';
import { topologicalOrderSteps } from './topological-order';

/**
 * The patch's cables resolved to module and port indices, one column per field (cable i is
 * index i of each): a hot patch of 100,000 modules has 200,000 cables, and as objects they
 * were 10 MB for the young-generation collector to copy while the compile went on.
 */
interface ResolvedCables {
  readonly fromModule: Int32Array;
  readonly fromOutput: Int32Array;
  readonly toModule: Int32Array;
  readonly toInput: Int32Array;
}

/**
 * A plan compiled against a base plan (or none) whose kept instances still have to take over
 * their wake-ups, first-step flags and held outputs from the plan running at the moment it is
 * swapped in (settlePlan): the base keeps ticking while a hot patch compiles.
 */
export interface PlanDraft {
  readonly plan: Plan;
  /** Per new position, the position in `base` of the instance it keeps, or -1 for a new one. */
  readonly keptFrom: Int32Array;
  readonly base: Plan | null;
}

/** How many modules (or cables) compilePlanSteps handles between two yields. */
export const compileSliceModules = 256;

/** Which generated code a plan gets (see KernelOptions). */
export interface CompileOptions {
  mode: RunnerMode;
  /** Per-plan runners for small batches (fused-runner.ts); specialised mode only. */
  fuse: boolean;
}

/** A mode alone means the defaults for the rest. */
function compileOptionsOf(options: RunnerMode | CompileOptions): CompileOptions {
  return typeof options === 'string' ? { mode: options, fuse: true } : options;
}

export function compilePlan(
  patch: Patch,
  registry: ModuleRegistry,
  previous: Plan | null,
  options: RunnerMode | CompileOptions,
): Plan {
  const steps = compilePlanSteps(patch, registry, previous, options);
  let next = steps.next();
  while (next.done !== true) next = steps.next();
  const draft = next.value;
  if (!settlePlan(draft, previous)) throw new Error('compile: a fresh draft did not settle on its own base');
  return draft.plan;
}

/**
 * compilePlan in slices: yields after every `compileSliceModules` modules or cables, so a
 * caller can spread a large patch's compilation over many turns of the event loop (or between
 * ticks) and keep ticking the running plan meanwhile. Returns a draft to settle at the swap.
 * Instances it keeps are shared with `previous` (their state goes on changing as it ticks);
 * instances it creates are new and untouched until the swap.
 */
export function* compilePlanSteps(
  given: Patch,
  registry: ModuleRegistry,
  previous: Plan | null,
  compileOptions: RunnerMode | CompileOptions,
): Generator<void, PlanDraft, void> {
  // Subpatches are flattened here, once per compile: the plan holds their modules by path
  // (`sub1/ema`), so probes reach inside and a tick pays nothing for the nesting.
  const patch = flatPatchOf(given);
  const options = compileOptionsOf(compileOptions);
  const mode = options.mode;
  const modules = patch.modules;
  const moduleCount = modules.length;
  const indexById = new Map<string, number>();
  const layouts: PortLayout[] = [];
  for (let index = 0; index < moduleCount; index++) {
    const module = modules[index];
    const definition = registry.get(module.type);
    if (!definition) throw new Error(`compile: module ${module.id} has unknown type ${module.type}`);
    if (indexById.has(module.id)) throw new Error(`compile: module id ${module.id} is used twice`);
    indexById.set(module.id, index);
    layouts.push(portLayoutOf(definition));
    if (index % compileSliceModules === compileSliceModules - 1) yield;
  }
  const cableCount = patch.cables.length;
  const cables: ResolvedCables = {
    fromModule: new Int32Array(cableCount),
    fromOutput: new Int32Array(cableCount),
    toModule: new Int32Array(cableCount),
    toInput: new Int32Array(cableCount),
  };
  for (let index = 0; index < cableCount; index++) {
    resolveCable(patch.cables[index], index, indexById, layouts, cables);
    if (index % compileSliceModules === compileSliceModules - 1) yield;
  }
  yield;
  const order = yield* moduleOrder(moduleCount, cables, layouts, patch);
  yield;
  const positionOf = new Int32Array(moduleCount);
  order.forEach((moduleIndex, position) => (positionOf[moduleIndex] = position));
  // From here to the instances, each pass over the modules or cables is a slice of its own
  // (or several): at 100,000 modules each takes tens of milliseconds.

  const inputStart = new Int32Array(moduleCount + 1);
  const outputStart = new Int32Array(moduleCount + 1);
  const latchPositions: number[] = [];
  for (let position = 0; position < moduleCount; position++) {
    const layout = layouts[order[position]];
    if (layout.breaksCycles) latchPositions.push(position);
    inputStart[position + 1] = inputStart[position] + layout.inputNames.length;
    outputStart[position + 1] = outputStart[position] + layout.outputNames.length;
  }
  yield;
  const inputSlot = new Int32Array(inputStart[moduleCount]).fill(-1);
  const inbound = inboundCables(moduleCount, cables.toModule);
  yield;
  for (let index = 0; index < cableCount; index++) {
    if (index % compileSliceModules === compileSliceModules - 1) yield;
    const input = inputStart[positionOf[cables.toModule[index]]] + cables.toInput[index];
    if (inputSlot[input] !== -1) {
      const to = patch.cables[index].to;
      throw new Error(`compile: input ${to.module}.${to.port} has more than one cable`);
    }
    inputSlot[input] = outputStart[positionOf[cables.fromModule[index]]] + cables.fromOutput[index];
  }
  const outputSlotCount = outputStart[moduleCount];
  let slotCount = outputSlotCount;
  for (let input = 0; input < inputSlot.length; input++)
    if (inputSlot[input] === -1) inputSlot[input] = slotCount++;
  yield;
  const positionById = new Map<string, number>();
  for (let index = 0; index < moduleCount; index++) {
    if (index % compileSliceModules === compileSliceModules - 1) yield;
    positionById.set(modules[index].id, positionOf[index]);
  }

  const plan: Plan = {
    size: moduleCount,
    order,
    positionById,
    instances: [],
    states: [],
    inputValues: [],
    outputValues: [],
    batchStart: batchStarts(order, layouts),
    batchRunners: [],
    fusedRunners: [],
    fusedUntil: new Int32Array(0),
    inputStart,
    inputSlot,
    outputStart,
    outputSlotCount,
    numbers: new Float64Array(slotCount),
    references: new Array<object | null>(slotCount).fill(null),
    emittedAtTick: new Float64Array(slotCount).fill(-1),
    wakeMs: new Float64Array(moduleCount).fill(Number.POSITIVE_INFINITY),
    flags: new Uint8Array(moduleCount),
    latchPositions: Int32Array.from(latchPositions),
    latchRunners: latchPositions.map((position) => latchRunnerFor(layouts[order[position]], mode)),
    tapsAt: new Array<null>(moduleCount).fill(null),
  };
  const keptFrom = new Int32Array(moduleCount).fill(-1);
  for (let position = 0; position < moduleCount; position++) {
    const moduleIndex = order[position];
    const layout = layouts[moduleIndex];
    const module = modules[moduleIndex];
    const paramsKey = paramsKeyOf(registry, module);
    const inboundKey = inboundKeyOf(inboundOf(inbound, moduleIndex, patch.cables));
    initialiseSlots(plan, position, layout);
    const kept = previous ? keptInstance(previous, module.id, layout, paramsKey, inboundKey) : -1;
    const instance =
      kept >= 0 && previous
        ? previous.instances[kept]
        : createInstance(registry, module, layout, paramsKey, inboundKey);
    let flags =
      (layout.feedsOnBar ? PositionFlag.OnBarFeed : 0) |
      (layout.feedsOnMarket ? PositionFlag.OnMarketFeed : 0) |
      (layout.breaksCycles ? PositionFlag.Latch : 0);
    // A kept instance's first-step flag, wake-up and outputs are taken over in settlePlan.
    keptFrom[position] = kept;
    if (kept < 0 && (layout.inputNames.length === 0 || layout.breaksCycles)) flags |= PositionFlag.FirstTick;
    plan.flags[position] = flags;
    (plan.instances as ModuleInstance[]).push(instance);
    (plan.states as unknown[]).push(instance.state);
    (plan.inputValues as PortValues[]).push(instance.inputs);
    (plan.outputValues as PortValues[]).push(instance.outputs);
    if (position % compileSliceModules === compileSliceModules - 1) yield;
  }
  yield;
  for (let batch = 0; batch < plan.batchStart.length - 1; batch++) {
    const layout = layouts[order[plan.batchStart[batch]]];
    (plan.batchRunners as BatchRunner[]).push(batchRunnerFor(layout, mode));
  }
  const generated = mode === 'specialised' && codeGenerationWorks();
  const batchCount = plan.batchStart.length - 1;
  const fused =
    options.fuse && generated
      ? fusedRunnersFor(
          plan,
          Array.from(order, (moduleIndex) => layouts[moduleIndex]),
        )
      : {
          runners: plan.batchRunners.map(() => null),
          until: Int32Array.from({ length: batchCount }, (_, b) => b + 1),
        };
  (plan.fusedRunners as (FusedRunner | null)[]).push(...fused.runners);
  (plan as { fusedUntil: Int32Array }).fusedUntil = fused.until;
  return { plan, keptFrom, base: previous };
}

/**
 * Make the draft's kept instances take over, from `current` (the plan running now), their
 * pending wake-up, first-step flag and held output values. Cheap: a few array copies per kept
 * module. Returns false, changing nothing, when the draft is stale: compiled against another
 * plan than `current` (another patch went in since), so its choice of instances to keep and to
 * create is out of date. Recompile against `current` then.
 */
export function settlePlan(draft: PlanDraft, current: Plan | null): boolean {
  if (draft.base !== current) return false;
  const { plan, keptFrom } = draft;
  for (let position = 0; position < plan.size; position++) {
    const at = keptFrom[position];
    if (at < 0 || current === null) continue;
    if (current.instances[at] !== plan.instances[position])
      throw new Error(`compile: kept instance ${plan.instances[position].id} moved in its base plan`);
    carryOver(current, at, plan, position, plan.outputStart[position + 1] - plan.outputStart[position]);
    plan.flags[position] |= current.flags[at] & (PositionFlag.FirstTick | PositionFlag.WakePending);
  }
  return true;
}
/** Outputs start unset (NaN, false, null); constant slots hold their input's default. */
function initialiseSlots(plan: Plan, position: number, layout: PortLayout): void {
  const outputBase = plan.outputStart[position];
  layout.outputKinds.forEach((kind, i) => {
    plan.numbers[outputBase + i] = kind === SlotKind.Number ? Number.NaN : 0;
  });
  const inputBase = plan.inputStart[position];
  layout.inputNames.forEach((name, i) => {
    const slot = plan.inputSlot[inputBase + i];
    if (slot >= plan.outputSlotCount) plan.numbers[slot] = layout.definition.inputs[name].defaultValue;
  });
}

/** Cable indices grouped by the module they end at: module m's are cable[start[m] .. start[m + 1]). */
interface InboundCables {
  readonly start: Int32Array;
  readonly cable: Int32Array;
}

function inboundCables(moduleCount: number, toModule: Int32Array): InboundCables {
  const start = new Int32Array(moduleCount + 1);
  for (let index = 0; index < toModule.length; index++) start[toModule[index] + 1]++;
  for (let module = 0; module < moduleCount; module++) start[module + 1] += start[module];
  const fill = start.slice(0, moduleCount);
  const cable = new Int32Array(toModule.length);
  for (let index = 0; index < toModule.length; index++) cable[fill[toModule[index]]++] = index;
  return { start, cable };
}

/** The cables that end at a module, in patch order (a short-lived array: one module's). */
function inboundOf(inbound: InboundCables, module: number, cables: readonly Cable[]): Cable[] {
  const list: Cable[] = [];
  for (let k = inbound.start[module]; k < inbound.start[module + 1]; k++) list.push(cables[inbound.cable[k]]);
  return list;
}

function resolveCable(
  cable: Cable,
  index: number,
  indexById: ReadonlyMap<string, number>,
  layouts: readonly PortLayout[],
  into: ResolvedCables,
): void {
  const fromModule = indexById.get(cable.from.module);
  const toModule = indexById.get(cable.to.module);
  const fromOutput = fromModule === undefined ? undefined : layouts[fromModule].outputIndex[cable.from.port];
  const toInput = toModule === undefined ? undefined : layouts[toModule].inputIndex[cable.to.port];
  if (
    fromModule === undefined ||
    toModule === undefined ||
    fromOutput === undefined ||
    toInput === undefined
  ) {
    const { from, to } = cable;
    throw new Error(
      `compile: cable ${index} ${from.module}.${from.port} -> ${to.module}.${to.port} names no port`,
    );
  }
  into.fromModule[index] = fromModule;
  into.fromOutput[index] = fromOutput;
  into.toModule[index] = toModule;
  into.toInput[index] = toInput;
}

/** Positions where the module type changes, plus the end: the bounds of the batches. */
function batchStarts(order: Int32Array, layouts: readonly PortLayout[]): Int32Array {
  const starts: number[] = [];
  for (let position = 0; position < order.length; position++) {
    if (position === 0 || layouts[order[position]] !== layouts[order[position - 1]]) starts.push(position);
  }
  starts.push(order.length);
  return Int32Array.from(starts);
}

/**
 * Kahn order, grouped by module type where the graph allows (see topological-order.ts).
 * Cables into a latch module do not constrain it, which is what breaks cycles.
 */
function* moduleOrder(
  moduleCount: number,
  cables: ResolvedCables,
  layouts: readonly PortLayout[],
  patch: Patch,
): Generator<void, Int32Array, void> {
  // Plain loops into preallocated arrays, in slices: Int32Array.from with a mapping function
  // took 70 ms and more for 200,000 cables, in one piece.
  const cableCount = cables.toModule.length;
  let from = new Int32Array(cableCount);
  let to = new Int32Array(cableCount);
  let edges = 0;
  for (let index = 0; index < cableCount; index++) {
    if (index % compileSliceModules === compileSliceModules - 1) yield;
    if (layouts[cables.toModule[index]].breaksCycles) continue;
    from[edges] = cables.fromModule[index];
    to[edges++] = cables.toModule[index];
  }
  from = from.subarray(0, edges);
  to = to.subarray(0, edges);
  const groupIndex = new Map<PortLayout, number>();
  const groupOf = new Int32Array(moduleCount);
  for (let index = 0; index < moduleCount; index++) {
    if (index % compileSliceModules === compileSliceModules - 1) yield;
    const layout = layouts[index];
    let group = groupIndex.get(layout);
    if (group === undefined) groupIndex.set(layout, (group = groupIndex.size));
    groupOf[index] = group;
  }
  yield;
  const { order, leftOver } = yield* topologicalOrderSteps(moduleCount, from, to, groupOf, groupIndex.size);
  if (leftOver.length > 0) {
    const ids = leftOver.map((index) => patch.modules[index].id).join(', ');
    throw new Error(
      `compile: cycle without a delay among modules ${ids} (validation should have refused it)`,
    );
  }
  return order;
}

function keptInstance(
  previous: Plan,
  id: string,
  layout: PortLayout,
  paramsKey: string,
  inboundKey: string,
): number {
  const position = previous.positionById.get(id);
  if (position === undefined) return -1;
  return canKeepInstance(previous.instances[position], layout, paramsKey, inboundKey) ? position : -1;
}

/** A kept instance keeps its pending wake-up and its output values. */
function carryOver(previous: Plan, from: number, plan: Plan, to: number, outputCount: number): void {
  plan.wakeMs[to] = previous.wakeMs[from];
  const fromBase = previous.outputStart[from];
  const toBase = plan.outputStart[to];
  for (let i = 0; i < outputCount; i++) {
    plan.numbers[toBase + i] = previous.numbers[fromBase + i];
    plan.references[toBase + i] = previous.references[fromBase + i];
  }
}

/** The flat patch to compile; the patch was validated, so a subpatch that will not flatten is our bug. */
function flatPatchOf(patch: Patch): Patch {
  const flat = flattenPatch(patch);
  if (!flat.ok) throw new Error(`compile: a validated patch did not flatten: ${flat.problems[0].message}`);
  return flat.patch;
}
