import { describe, expect, it } from 'vitest';
import { defineModule } from '../sdk/define-module';
import { param } from '../sdk/params';
import { port } from '../sdk/ports';
import { ModuleRegistry } from '../sdk/registry';
import { ModuleStepError } from './errors';
import { Kernel } from './kernel';
import { patchOf } from './test-patches';
import { testModules } from './test-modules';

/** Throws from step when its input reaches `at`, or from latch when `inLatch`. */
const fragile = defineModule({
  type: 'math/fragile',
  category: 'math',
  title: 'Fragile',
  description: 'Throws on purpose.',
  inputs: { value: port.number() },
  outputs: { out: port.number() },
  params: { at: param.float({ default: 3, min: 0, max: 100 }) },
  init: ({ at }) => ({ at }),
  step(state, inputs, outputs) {
    if (inputs.value >= state.at) throw new RangeError(`value ${inputs.value} is too big`);
    outputs.out = inputs.value;
  },
});

const fragileLatch = defineModule({
  type: 'logic/fragile-delay',
  category: 'logic',
  title: 'Fragile delay',
  description: 'Throws from latch on purpose.',
  inputs: { input: port.number() },
  outputs: { value: port.number() },
  params: {},
  init: () => ({}),
  step() {
    return false;
  },
  latch() {
    throw 'latch refused'; // a non-Error throw must be carried too
  },
});

const registry = new ModuleRegistry([...testModules, fragile, fragileLatch]);

describe('Kernel: a module that throws', () => {
  it('surfaces a ModuleStepError from step, naming the module, with the cause', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker'],
        ['f', 'math/fragile', { at: 3 }],
        ['after', 'math/add'],
      ],
      ['t.value -> f.value', 'f.out -> after.a'],
    );
    const kernel = new Kernel(patch, registry);
    kernel.tick(0);
    kernel.tick(100);
    let thrown: unknown;
    try {
      kernel.tick(200);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModuleStepError);
    const error = thrown as ModuleStepError;
    expect(error).toMatchObject({ moduleId: 'f', moduleType: 'math/fragile', phase: 'step', timeMs: 200 });
    expect(error.cause).toBeInstanceOf(RangeError);
    expect(error.message).toBe('module "f" (math/fragile) threw in step at tick 200 ms: value 3 is too big');
    // Part-done tick: upstream emitted, the failing module's outputs and everything after it did not.
    expect(kernel.read('t.value')).toBe(3);
    expect(kernel.read('f.out')).toBe(2);
    expect(kernel.read('after.value')).toBe(2);
  });

  it('refuses every later tick, saying why', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker'],
        ['f', 'math/fragile', { at: 1 }],
      ],
      ['t.value -> f.value'],
    );
    const kernel = new Kernel(patch, registry);
    expect(() => kernel.tick(0)).toThrow(ModuleStepError);
    expect(() => kernel.tick(100)).toThrow(
      /an earlier tick failed \(module "f" \(math\/fragile\) threw in step/,
    );
  });

  it('surfaces a ModuleStepError from latch, carrying a non-Error cause', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker'],
        ['d', 'logic/fragile-delay'],
      ],
      ['t.value -> d.input'],
    );
    const kernel = new Kernel(patch, registry);
    let thrown: unknown;
    try {
      kernel.tick(0);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ModuleStepError);
    expect(thrown).toMatchObject({ moduleId: 'd', moduleType: 'logic/fragile-delay', phase: 'latch' });
    expect((thrown as ModuleStepError).cause).toBe('latch refused');
    expect((thrown as Error).message).toMatch(
      /^module "d" \(logic\/fragile-delay\) threw in latch at tick 0 ms: latch refused$/,
    );
  });

  it('names the module in the generic runners too', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker'],
        ['f', 'math/fragile', { at: 1 }],
      ],
      ['t.value -> f.value'],
    );
    const kernel = new Kernel(patch, registry, { runners: 'generic' });
    expect(() => kernel.tick(0)).toThrow(expect.objectContaining({ moduleId: 'f', phase: 'step' }));
  });
});
