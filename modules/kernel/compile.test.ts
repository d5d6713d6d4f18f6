import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePlan } from './compile';
import { moduleSpecArbitrary, randomAcyclicPatch } from './test-patches';
import { createKernelTestRegistry } from './test-modules';

const registry = createKernelTestRegistry();

describe('compilePlan', () => {
  it('orders any random acyclic patch so every cable into a non-delay module goes forwards', () => {
    fc.assert(
      fc.property(fc.array(moduleSpecArbitrary, { minLength: 1, maxLength: 40 }), (specs) => {
        const patch = randomAcyclicPatch(specs);
        const plan = compilePlan(patch, registry, null, 'specialised');
        expect(plan.size).toBe(patch.modules.length);
        for (const cable of patch.cables) {
          const from = plan.positionById.get(cable.from.module)!;
          const to = plan.positionById.get(cable.to.module)!;
          const definition = registry.get(patch.modules[plan.order[to]].type)!;
          if (!definition.latch) expect(from).toBeLessThan(to);
          // The input's slot is the output's slot.
          const input = Object.keys(definition.inputs).indexOf(cable.to.port);
          const fromDefinition = registry.get(patch.modules[plan.order[from]].type)!;
          const output = Object.keys(fromDefinition.outputs).indexOf(cable.from.port);
          expect(plan.inputSlot[plan.inputStart[to] + input]).toBe(plan.outputStart[from] + output);
        }
      }),
    );
  });

  it('lays slots out flat: each module owns a contiguous run of inputs and outputs, then constant slots', () => {
    fc.assert(
      fc.property(fc.array(moduleSpecArbitrary, { minLength: 1, maxLength: 40 }), (specs) => {
        const patch = randomAcyclicPatch(specs);
        const plan = compilePlan(patch, registry, null, 'generic');
        for (let position = 0; position < plan.size; position++) {
          const definition = registry.get(patch.modules[plan.order[position]].type)!;
          expect(plan.inputStart[position + 1] - plan.inputStart[position]).toBe(
            Object.keys(definition.inputs).length,
          );
          expect(plan.outputStart[position + 1] - plan.outputStart[position]).toBe(
            Object.keys(definition.outputs).length,
          );
        }
        expect(plan.outputSlotCount).toBe(plan.outputStart[plan.size]);
        // Unconnected inputs read constant slots of their own, after the outputs, that never emit.
        const connected = patch.cables.length;
        expect(plan.numbers.length).toBe(plan.outputSlotCount + plan.inputSlot.length - connected);
        const constantSlots = [...plan.inputSlot].filter((slot) => slot >= plan.outputSlotCount);
        expect(new Set(constantSlots).size).toBe(plan.inputSlot.length - connected);
        for (const slot of constantSlots) expect(plan.emittedAtTick[slot]).toBe(-1);
      }),
    );
  });

  it('treats a cycle the validator missed as a broken invariant and names the modules', () => {
    const patch = randomAcyclicPatch([]);
    patch.modules.push(
      { id: 'a', type: 'math/add', params: {}, position: { x: 0, y: 0 } },
      { id: 'b', type: 'math/add', params: {}, position: { x: 0, y: 0 } },
    );
    patch.cables.push(
      { from: { module: 'a', port: 'value' }, to: { module: 'b', port: 'a' } },
      { from: { module: 'b', port: 'value' }, to: { module: 'a', port: 'a' } },
    );
    expect(() => compilePlan(patch, registry, null, 'generic')).toThrow(
      /cycle without a delay among modules a, b/,
    );
  });
});
