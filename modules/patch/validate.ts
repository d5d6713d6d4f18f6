// Patch validation: every problem at once, each with a stable code and where it is, so the
// editor can mark them all and the CLI can list them all. Assumes the patch passed the schema
// (parsePatch); checks what the schema cannot: ids, types, ports, params, cables, cycles.
import { checkParamValue } from '../sdk/params';
import type { AnyModuleDefinition } from '../sdk/define-module';
import { portTypesCompatible } from '../sdk/ports';
import type { PortSpec } from '../sdk/ports';
import type { ModuleRegistry } from '../sdk/registry';
import { findCycleProblemsSteps } from './find-cycles';
import { runToEnd, sliceEnds } from './sliced';
import type { Cable, Patch, PatchModule, PortRef, Problem } from './types';

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
  patch: Patch,
  registry: ModuleRegistry,
): Generator<void, Problem[], void> {
  const problems: Problem[] = [];
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

/** Checks every cable; returns the inputs that a cable reaches, by `module.port` key. */
function* checkCables(
  cables: readonly Cable[],
  modulesById: ReadonlyMap<string, PatchModule>,
  registry: ModuleRegistry,
  problems: Problem[],
): Generator<void, ReadonlyMap<string, Cable>, void> {
  const seen = new Set<string>();
  const inputOwner = new Map<string, Cable>();
  for (let cableIndex = 0; cableIndex < cables.length; cableIndex++) {
    if (sliceEnds(cableIndex)) yield;
    const cable = cables[cableIndex];
    const name = describeCable(cable);
    const cableKey = `${cable.from.module}\u0000${cable.from.port}\u0000${cable.to.module}\u0000${cable.to.port}`;
    if (seen.has(cableKey)) {
      problems.push({
        code: 'DUPLICATE_CABLE',
        message: `cable ${name} appears more than once`,
        location: { moduleId: cable.to.module, port: cable.to.port, cableIndex },
      });
      continue;
    }
    seen.add(cableKey);
    const from = resolveEnd(cable.from, 'output', cableIndex, name, modulesById, registry, problems);
    const to = resolveEnd(cable.to, 'input', cableIndex, name, modulesById, registry, problems);
    if (!to) continue;
    const inputKey = `${cable.to.module}.${cable.to.port}`;
    const owner = inputOwner.get(inputKey);
    if (owner) {
      problems.push({
        code: 'INPUT_ALREADY_CONNECTED',
        message: `input ${inputKey} already has a cable (${describeCable(owner)}); cable ${name} would be a second one`,
        location: { moduleId: cable.to.module, port: cable.to.port, cableIndex },
      });
    } else {
      inputOwner.set(inputKey, cable);
    }
    if (from && !portTypesCompatible(from.spec.type, to.spec.type)) {
      problems.push({
        code: 'TYPE_MISMATCH',
        message: `cable ${name} connects a ${from.spec.type} output to a ${to.spec.type} input`,
        location: { moduleId: cable.to.module, port: cable.to.port, cableIndex },
      });
    }
  }
  return inputOwner;
}

function resolveEnd(
  ref: PortRef,
  side: 'input' | 'output',
  cableIndex: number,
  cableName: string,
  modulesById: ReadonlyMap<string, PatchModule>,
  registry: ModuleRegistry,
  problems: Problem[],
): ResolvedEnd | null {
  const module = modulesById.get(ref.module);
  const end = side === 'output' ? 'from' : 'to';
  if (!module) {
    problems.push({
      code: 'UNKNOWN_MODULE',
      message: `cable ${cableName} ${end === 'from' ? 'starts at' : 'ends at'} module "${ref.module}", which is not in the patch`,
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
    ? `cable ${cableName}: ${ref.module}.${ref.port} is an ${side === 'output' ? 'input' : 'output'}, ` +
      `but a cable must ${side === 'output' ? 'start at an output' : 'end at an input'}; ${known}`
    : `cable ${cableName}: module "${ref.module}" (${module.type}) has no ${side} "${ref.port}"; ${known}`;
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
