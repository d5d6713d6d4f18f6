// Scalar ports (ModuleDefinition.scalar): the specialised runners call a module's scalar form,
// the generic runners its step. Every built-in module with a scalar form must give the same
// records, bit for bit, through the generic runners (the reference), a per-plan fused runner
// (one instance) and its type's batch runner (three instances in one batch).
import { describe, expect, it } from 'vitest';
import { builtinModules, createBuiltinRegistry } from '../library/index';
import type { Patch } from '../patch/types';
import { defineModule } from '../sdk/define-module';
import type { AnyModuleDefinition } from '../sdk/define-module';
import { param } from '../sdk/params';
import { port } from '../sdk/ports';
import type { Bar } from '../sdk/ports';
import { ModuleRegistry } from '../sdk/registry';
import { ModuleStepError } from './errors';
import { Kernel } from './kernel';
import { moduleTypesPatch } from './test-allocation';
import { patchOf } from './test-patches';
import type { ModuleLine } from './test-patches';
import { testModules } from './test-modules';
import type { KernelOptions } from './types';

const builtins = createBuiltinRegistry();
const startMs = 1_704_067_200_000;
const ticks = 600;

/**
 * Bars of a walk with the cases modules treat specially: a NaN close now and then (and a run of
 * them), repeated closes (equal values), and a bar-less tick now and then.
 */
function barAtTick(tick: number): Bar | null {
  if (tick % 11 === 5) return null;
  const walk = 100 + Math.sin(tick / 9) * 7 + Math.cos(tick / 3.7) * 2.5 + (tick % 13) * 0.125;
  const close = tick % 37 === 3 || (tick >= 200 && tick < 204) ? Number.NaN : tick % 17 < 3 ? 100 : walk;
  return {
    timeMs: startMs + tick * 60_000,
    open: walk - 0.75,
    high: Math.max(walk, close) + 1.5,
    low: Math.min(walk, close) - 1.25,
    close,
    volume: 10 + (tick % 7),
  };
}

function records(patch: Patch, options: KernelOptions): string[] {
  const kernel = new Kernel(patch, builtins, options);
  const taps = patch.modules.flatMap((module) =>
    Object.entries(builtins.get(module.type)!.outputs)
      .filter(([, spec]) => spec.type === 'number' || spec.type === 'bool')
      .map(([port]) => kernel.tap(`${module.id}.${port}`, ticks)),
  );
  for (let tick = 0; tick < ticks; tick++) {
    kernel.feeds.bar = barAtTick(tick);
    kernel.tick(startMs + tick * 100);
  }
  return taps.map((tap) => {
    const bits = (array: Float64Array) =>
      Array.from(new BigUint64Array(array.slice(0, tap.recorded).buffer)).join(',');
    return `${tap.key} ${tap.recorded}: ${bits(tap.timesMs)} | ${bits(tap.values)}`;
  });
}

const scalarModules = builtinModules.filter((definition) => definition.scalar !== undefined);

describe('scalar forms of the built-in modules', () => {
  it('exist for the math and logic modules on hot paths', () => {
    const types = scalarModules.map((definition) => definition.type);
    for (const type of ['math/add', 'math/compare', 'logic/and', 'logic/cross-over', 'logic/cross-under'])
      expect(types).toContain(type);
  });

  it.each(scalarModules.map((definition) => [definition.type, definition] as const))(
    '%s: generic (step) == fused (scalar) == batch runner (scalar), bit for bit',
    (_type, definition) => {
      const one = moduleTypesPatch([definition]);
      const three = moduleTypesPatch([definition, definition, definition]);
      const reference = records(one, { runners: 'generic' });
      expect(reference.some((record) => !record.includes(' 0:'))).toBe(true);
      expect(records(one, {})).toEqual(reference);
      expect(records(one, { fuseSmallBatches: false })).toEqual(reference);
      const referenceThree = records(three, { runners: 'generic' });
      expect(records(three, {})).toEqual(referenceThree);
    },
  );
});

/** Throws when its input reaches `at`; scalar form. */
const fragileScalar = defineModule({
  type: 'math/fragile-scalar',
  category: 'math',
  title: 'Fragile scalar',
  description: 'Throws on purpose.',
  inputs: { value: port.number() },
  outputs: { out: port.number() },
  params: { at: param.float({ default: 3, min: 0, max: 100 }) },
  init: ({ at }) => ({ at }),
  step(state, inputs, outputs) {
    outputs.out = fragile(state, inputs.value);
  },
  scalar: fragile,
});

function fragile(state: { at: number }, value: number): number {
  if (value >= state.at) throw new RangeError(`value ${value} is too big`);
  return value;
}

describe('a scalar form that throws', () => {
  const registry = new ModuleRegistry([...testModules, fragileScalar]);
  it.each([
    ['fused', 1, {}],
    ['batch runner', 3, {}],
    ['batch runner, unfused', 1, { fuseSmallBatches: false }],
    ['generic', 1, { runners: 'generic' }],
  ] as const)('is named in the ModuleStepError (%s)', (_name, count, options) => {
    const ids = Array.from({ length: count }, (_, i) => `f${i}`);
    const lines: ModuleLine[] = [['t', 'sources/ticker']];
    ids.forEach((id, i) => lines.push([id, 'math/fragile-scalar', { at: 3 + i }]));
    const patch = patchOf(
      lines,
      ids.map((id) => `t.value -> ${id}.value`),
    );
    const kernel = new Kernel(patch, registry, options as KernelOptions);
    kernel.tick(startMs);
    kernel.tick(startMs + 100);
    let thrown: unknown;
    try {
      kernel.tick(startMs + 200); // the ticker says 3: f0 throws, f1 and f2 would not
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModuleStepError);
    expect(thrown).toMatchObject({ moduleId: 'f0', moduleType: 'math/fragile-scalar', phase: 'step' });
    expect((thrown as ModuleStepError).cause).toBeInstanceOf(RangeError);
  });
});

describe('defineModule with a scalar form', () => {
  const base = {
    category: 'math' as const,
    title: 'T',
    description: 'd',
    params: {},
    init: () => null,
    step() {},
  };
  const attempt = (definition: Partial<AnyModuleDefinition>) => () =>
    defineModule({ ...base, type: 'math/t', inputs: {}, outputs: {}, ...definition } as never);

  it('accepts one number or bool output over number or bool inputs', () => {
    expect(
      attempt({
        inputs: { a: port.number(), b: port.bool() },
        outputs: { out: port.bool() },
        scalar: (_state: unknown, a: number, b: boolean) => a > 0 && b,
      }),
    ).not.toThrow();
  });

  it('refuses other shapes, saying why', () => {
    const scalar = (_state: unknown, a: number) => a;
    expect(
      attempt({ inputs: { a: port.number() }, outputs: { x: port.number(), y: port.number() }, scalar }),
    ).toThrow(/math\/t: scalar form needs exactly one number or bool output/);
    expect(attempt({ inputs: { a: port.bar() }, outputs: { x: port.number() }, scalar })).toThrow(
      /needs number or bool inputs only/,
    );
    expect(
      attempt({ inputs: { a: port.number() }, outputs: { x: port.number() }, scalar, feed: 'bar' }),
    ).toThrow(/cannot latch or read a feed/);
    expect(
      attempt({ inputs: { a: port.number(), b: port.number() }, outputs: { x: port.number() }, scalar }),
    ).toThrow(/must take the state and 2 input\(s\)/);
  });
});
