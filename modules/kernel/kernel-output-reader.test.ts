// Kernel.outputReader reads what read() reads, and refuses to be used after a hot patch.
import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { patchOf } from './test-patches';
import { createKernelTestRegistry } from './test-modules';

const registry = createKernelTestRegistry();

describe('Kernel.outputReader', () => {
  it('fills the values read() gives, then throws after a hot patch', () => {
    const patch = patchOf(
      [
        ['t', 'sources/ticker', { periodMs: 100 }],
        ['acc', 'math/accumulator'],
      ],
      ['t.value -> acc.value'],
    );
    const kernel = new Kernel(patch, registry);
    const keys = ['acc.count', 't.value'];
    const reader = kernel.outputReader(keys);
    const into = new Float64Array(2);
    for (let i = 0; i < 3; i++) kernel.tick(i * 100);
    reader(into);
    expect([...into]).toEqual(keys.map((key) => kernel.read(key)));
    expect(into[0]).toBe(3);
    expect(() => kernel.outputReader(['acc.nothing'])).toThrow(/has no output "nothing"/);
    kernel.setPatch(patchOf([['t', 'sources/ticker', { periodMs: 100 }]]));
    expect(() => reader(into)).toThrow(/after a hot patch/);
  });
});
