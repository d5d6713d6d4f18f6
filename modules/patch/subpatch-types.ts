// The declared type of each subpatch inlet and outlet against the ports inside it: the editor
// draws an instance's handles from the declared types, so they must say what the ports take.
// A port inside may be an inlet or outlet of a nested instance: its declared type stands for it.
import { portTypesCompatible } from '../sdk/ports';
import type { PortType } from '../sdk/ports';
import { isSubpatchType, subpatchIdOf } from './flatten';
import type { ModuleRegistry } from '../sdk/registry';
import type { Patch, Problem } from './types';

export function subpatchTypeProblems(patch: Patch, registry: ModuleRegistry): Problem[] {
  const problems: Problem[] = [];
  const definitions = new Map((patch.subpatches ?? []).map((subpatch) => [subpatch.id, subpatch]));
  (patch.subpatches ?? []).forEach((subpatch, index) => {
    const typeOf = (moduleId: string, port: string, side: 'inputs' | 'outputs'): PortType | undefined => {
      const module = subpatch.modules.find((candidate) => candidate.id === moduleId);
      if (module && isSubpatchType(module.type)) {
        const nested = definitions.get(subpatchIdOf(module.type));
        const ports = side === 'inputs' ? nested?.inlets : nested?.outlets;
        return ports?.find((candidate) => candidate.name === port)?.type;
      }
      const definition = module ? registry.get(module.type) : undefined;
      if (!definition || !Object.hasOwn(definition[side], port)) return undefined;
      return definition[side][port].type;
    };
    subpatch.inlets.forEach((inlet, i) => {
      inlet.to.forEach((ref, j) => {
        const inner = typeOf(ref.module, ref.port, 'inputs');
        const path = `subpatches[${index}].inlets[${i}].to[${j}]`;
        if (inner === undefined) {
          problems.push(
            mismatch(
              `subpatch "${subpatch.id}": inlet "${inlet.name}" feeds ${ref.module}.${ref.port}, which is not an input inside it`,
              path,
            ),
          );
        } else if (!portTypesCompatible(inlet.type, inner)) {
          problems.push(
            mismatch(
              `subpatch "${subpatch.id}": inlet "${inlet.name}" is a ${inlet.type} but feeds ${ref.module}.${ref.port}, a ${inner} input`,
              path,
            ),
          );
        }
      });
    });
    subpatch.outlets.forEach((outlet, i) => {
      const inner = typeOf(outlet.from.module, outlet.from.port, 'outputs');
      const path = `subpatches[${index}].outlets[${i}].from`;
      const at = `${outlet.from.module}.${outlet.from.port}`;
      if (inner === undefined) {
        problems.push(
          mismatch(
            `subpatch "${subpatch.id}": outlet "${outlet.name}" shows ${at}, which is not an output inside it`,
            path,
          ),
        );
      } else if (inner !== outlet.type) {
        problems.push(
          mismatch(
            `subpatch "${subpatch.id}": outlet "${outlet.name}" is a ${outlet.type} but shows ${at}, a ${inner} output`,
            path,
          ),
        );
      }
    });
  });
  return problems;
}

function mismatch(message: string, path: string): Problem {
  return { code: 'SUBPATCH_INVALID', message, location: { path } };
}
