// Patch validation: every problem at once, each with a stable code and where it is, so the
// editor can mark them all and the CLI can list them all. Assumes the patch passed the schema
// (parsePatch); checks what the schema cannot: ids, types, ports, params, cables, cycles.
import { checkParamValue } from '../sdk/params';
import type { AnyModuleDefinition } from '../sdk/define-module';
import { portTypesCompatible } from '../sdk/ports';
import type { PortSpec } from '../sdk/ports';
import type { ModuleRegistry } from '../sdk/registry';
import { findCycleProblemsSteps } from './find-cycles';
import { flattenPatch, hasSubpatches } from './flatten';
import { subpatchTypeProblems } from './subpatch-types';
import { runToEnd, sliceEnds } from './sliced';
import type { Cable, Patch, PatchModule, Problem } from './types';

/** Every problem in the patch, in a stable order: modules, cables, missing inputs, cycles. */
export function validatePatch(patch: Patch, registry: ModuleRegistry): Problem[] {
  return runToEnd(validatePatchSteps(patch, registry));
}

/**
 * validatePatch in slices, yielding after every `sliceItems` modules or cables and
 * inside the cycle search, for a caller that must keep its event loop turning (a live run
 * validating a 100,000-module hot patch between its 10 Hz ticks: whole, that takes 0.5 s and
 * more). Returns the same problems, in the same order.
 */
export function* validatePatchSteps(
  given: Patch,
  registry: ModuleRegistry,
): Generator<void, Problem[], void> {
  const problems: Problem[] = [];
  let patch = given;
  if (hasSubpatches(given)) {
    // Validated flat, so every problem inside a subpatch names its module by path (`sub1/ema`).
    const flat = flattenPatch(given);
    if (!flat.ok) return flat.problems;
    problems.push(...subpatchTypeProblems(given, registry));
    patch = flat.patch;
  }
  const modulesById = yield* checkModules(patch.modules, registry, problems);
  const connectedInputs = yield* checkCables(patch.cables, modulesById, registry, problems);
  yield* checkRequiredInputs(patch.modules, registry, connectedInputs, problems);
  problems.push(...(yield* findCycleProblemsSteps(patch, registry)));
  return problems;
}

/** `a.value -> b.price`: how a cable is named in messages (indices shift as cables are removed). */
export function describeCable(cable: Cable): string {
  return `${cable.from.module}.${cable.from.port} -> ${cable.to.module}.${cable.to.port}`;
}

function* checkModules(
  modules: readonly PatchModule[],
  registry: ModuleRegistry,
  problems: Problem[],
): Generator<void, Map<string, PatchModule>, void> {
  const byId = new Map<string, PatchModule>();
  for (let index = 0; index < modules.length; index++) {
    if (sliceEnds(index)) yield;
    const module = modules[index];
    if (byId.has(module.id)) {
      problems.push({
        code: 'DUPLICATE_MODULE_ID',
        message: `module id "${module.id}" is used by more than one module; ids must be unique`,
        location: { moduleId: module.id, path: `modules[${index}].id` },
      });
    } else {
      byId.set(module.id, module);
    }
    const definition = registry.get(module.type);
    if (!definition) {
      problems.push({
        code: 'UNKNOWN_MODULE_TYPE',
        message: `module "${module.id}" has unknown type "${module.type}"`,
        location: { moduleId: module.id, path: `modules[${index}].type` },
      });
      continue;
    }
    checkParams(module, index, definition, problems);
  }
  return byId;
}

function checkParams(
  module: PatchModule,
  index: number,
  definition: AnyModuleDefinition,
  problems: Problem[],
): void {
  for (const [name, value] of Object.entries(module.params)) {
    const location = { moduleId: module.id, param: name, path: `modules[${index}].params.${name}` };
    if (!Object.hasOwn(definition.params, name)) {
      const known = Object.keys(definition.params);
      problems.push({
        code: 'UNKNOWN_PARAM',
        message: `module "${module.id}" (${module.type}) has no param "${name}"; its params are: ${list(known)}`,
        location,
      });
      continue;
    }
    const why = checkParamValue(definition.params[name], value);
    if (why !== null) {
      problems.push({
        code: 'PARAM_INVALID',
        message: `module "${module.id}" (${module.type}) param "${name}": ${why}`,
        location,
      });
    }
  }
}

interface ResolvedEnd {
  spec: PortSpec;
}

/**
 * Checks every cable; returns the inputs that a cable reaches, by `module.port` key. A second
 * copy of a cable is found through the input's owner (or, for the few cables that own no
 * input, a set of their keys), not a set of every cable's key: at 200,000 cables those keys
 * were 10 MB of strings for the collector to copy while a live run validated a hot patch.
 */
function* checkCables(
  cables: readonly Cable[],
  modulesById: ReadonlyMap<string, PatchModule>,
  registry: ModuleRegistry,
  problems: Problem[],
): Generator<void, ReadonlyMap<string, Cable>, void> {
  const inputOwner = new Map<string, Cable>();
  /** Keys of the cables that do not own their input (refused, or ending nowhere). */
  const ownerless = new Set<string>();
  for (let cableIndex = 0; cableIndex < cables.length; cableIndex++) {
    if (sliceEnds(cableIndex)) yield;
    const cable = cables[cableIndex];
    const inputKey = `${cable.to.module}.${cable.to.port}`;
    const owner = inputOwner.get(inputKey);
    if (
      (owner !== undefined && sameCable(owner, cable)) ||
      (ownerless.size > 0 && ownerless.has(cableKey(cable)))
    ) {
      problems.push({
        code: 'DUPLICATE_CABLE',
        message: `cable ${describeCable(cable)} appears more than once`,
        location: { moduleId: cable.to.module, port: cable.to.port, cableIndex },
      });
      continue;
    }
    const from = resolveEnd(cable, 'output', cableIndex, modulesById, registry, problems);
    const to = resolveEnd(cable, 'input', cableIndex, modulesById, registry, problems);
    if (!to || owner !== undefined) ownerless.add(cableKey(cable));
    if (!to) continue;
    if (owner) {
      problems.push({
        code: 'INPUT_ALREADY_CONNECTED',
        message: `input ${inputKey} already has a cable (${describeCable(owner)}); cable ${describeCable(cable)} would be a second one`,
        location: { moduleId: cable.to.module, port: cable.to.port, cableIndex },
      });
    } else {
      inputOwner.set(inputKey, cable);
    }
    if (from && !portTypesCompatible(from.spec.type, to.spec.type)) {
      problems.push({
        code: 'TYPE_MISMATCH',
        message: `cable ${describeCable(cable)} connects a ${from.spec.type} output to a ${to.spec.type} input`,
        location: { moduleId: cable.to.module, port: cable.to.port, cableIndex },
      });
    }
  }
  return inputOwner;
}

/** Both ends the same: the second is a copy (whatever the `module.port` keys say about dots). */
function sameCable(a: Cable, b: Cable): boolean {
  return (
    a.from.module === b.from.module &&
    a.from.port === b.from.port &&
    a.to.module === b.to.module &&
    a.to.port === b.to.port
  );
}

function cableKey(cable: Cable): string {
  return `${cable.from.module}\u0000${cable.from.port}\u0000${cable.to.module}\u0000${cable.to.port}`;
}

function resolveEnd(
  cable: Cable,
  side: 'input' | 'output',
  cableIndex: number,
  modulesById: ReadonlyMap<string, PatchModule>,
  registry: ModuleRegistry,
  problems: Problem[],
): ResolvedEnd | null {
  const ref = side === 'output' ? cable.from : cable.to;
  const module = modulesById.get(ref.module);
  const end = side === 'output' ? 'from' : 'to';
  if (!module) {
    problems.push({
      code: 'UNKNOWN_MODULE',
      message: `cable ${describeCable(cable)} ${end === 'from' ? 'starts at' : 'ends at'} module "${ref.module}", which is not in the patch`,
      location: {
        moduleId: ref.module,
        port: ref.port,
        cableIndex,
        path: `cables[${cableIndex}].${end}.module`,
      },
    });
    return null;
  }
  const definition = registry.get(module.type);
  if (!definition) return null; // already reported as UNKNOWN_MODULE_TYPE
  const ports = side === 'output' ? definition.outputs : definition.inputs;
  if (Object.hasOwn(ports, ref.port)) return { spec: ports[ref.port] };
  const other = side === 'output' ? definition.inputs : definition.outputs;
  const known = `its ${side}s are: ${list(Object.keys(ports))}`;
  const message = Object.hasOwn(other, ref.port)
    ? `cable ${describeCable(cable)}: ${ref.module}.${ref.port} is an ${side === 'output' ? 'input' : 'output'}, ` +
      `but a cable must ${side === 'output' ? 'start at an output' : 'end at an input'}; ${known}`
    : `cable ${describeCable(cable)}: module "${ref.module}" (${module.type}) has no ${side} "${ref.port}"; ${known}`;
  problems.push({
    code: 'UNKNOWN_PORT',
    message,
    location: { moduleId: ref.module, port: ref.port, cableIndex, path: `cables[${cableIndex}].${end}.port` },
  });
  return null;
}

function* checkRequiredInputs(
  modules: readonly PatchModule[],
  registry: ModuleRegistry,
  connectedInputs: ReadonlyMap<string, Cable>,
  problems: Problem[],
): Generator<void, void, void> {
  const done = new Set<string>();
  for (let index = 0; index < modules.length; index++) {
    if (sliceEnds(index)) yield;
    const module = modules[index];
    if (done.has(module.id)) continue; // a duplicate id is reported once, above
    done.add(module.id);
    const definition = registry.get(module.type);
    if (!definition) continue;
    for (const [port, spec] of Object.entries(definition.inputs)) {
      if (!spec.required || connectedInputs.has(`${module.id}.${port}`)) continue;
      problems.push({
        code: 'MISSING_REQUIRED_INPUT',
        message: `input ${module.id}.${port} (${spec.type}) of ${module.type} is required but has no cable`,
        location: { moduleId: module.id, port },
      });
    }
  }
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : names.join(', ');
}
