import { describe, expect, it } from 'vitest';
import { defineModule } from './define-module';
import { param } from './params';
import { port } from './ports';
import { ModuleRegistry } from './registry';

const scale = defineModule({
  type: 'math/scale',
  category: 'math',
  title: 'Scale',
  description: 'Multiplies its input by a factor.',
  inputs: { in: port.number({ description: 'value' }) },
  outputs: { out: port.number({ description: 'scaled value' }) },
  params: { factor: param.float({ default: 2, min: -10, max: 10, description: 'multiplier' }) },
  init: ({ factor }) => ({ factor }),
  step(state, inputs, outputs) {
    outputs.out = inputs.in * state.factor;
  },
});

describe('defineModule', () => {
  it('refuses a category that does not match the type prefix', () => {
    expect(() =>
      defineModule({
        type: 'logic/x',
        category: 'math',
        title: 'X',
        description: '',
        inputs: {},
        outputs: {},
        params: {},
        init: () => null,
        step: () => undefined,
      }),
    ).toThrow('module logic/x: category "math" must match the type prefix');
  });

  it('refuses a port that is both input and output', () => {
    expect(() =>
      defineModule({
        type: 'math/x',
        category: 'math',
        title: 'X',
        description: '',
        inputs: { value: port.number() },
        outputs: { value: port.number() },
        params: {},
        init: () => null,
        step: () => undefined,
      }),
    ).toThrow('port "value" is both input and output');
  });
});

describe('ModuleRegistry', () => {
  it('renders the catalog from the declarations', () => {
    const registry = new ModuleRegistry([scale]);
    expect(registry.catalog()).toEqual([
      {
        type: 'math/scale',
        category: 'math',
        title: 'Scale',
        description: 'Multiplies its input by a factor.',
        inputs: [{ name: 'in', type: 'number', required: true, description: 'value' }],
        outputs: [{ name: 'out', type: 'number', required: true, description: 'scaled value' }],
        params: [
          { name: 'factor', kind: 'float', defaultValue: 2, min: -10, max: 10, description: 'multiplier' },
        ],
        feed: null,
        breaksCycles: false,
      },
    ]);
  });

  it('fills in defaults and refuses a type registered twice', () => {
    const registry = new ModuleRegistry([scale]);
    expect(registry.paramsWithDefaults('math/scale', {})).toEqual({ factor: 2 });
    expect(registry.paramsWithDefaults('math/scale', { factor: 3 })).toEqual({ factor: 3 });
    expect(() => registry.paramsWithDefaults('math/nope', {})).toThrow('unknown module type math/nope');
    expect(() => registry.register(scale)).toThrow('module type math/scale is registered twice');
  });
});
