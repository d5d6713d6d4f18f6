import { describe, expect, it } from 'vitest';
import { catalog, samplePatch } from '../test-support/fixtures';
import { cableRefusal, isValidCable } from './connection-rules';

const lookup = (type: string) => catalog[type];
const patch = samplePatch();

describe('isValidCable', () => {
  it('accepts a number output into a number input', () => {
    expect(
      isValidCable(patch, lookup, { source: 'ema', sourceHandle: 'out', target: 'add', targetHandle: 'b' }),
    ).toBe(true);
  });

  it('refuses a bar output into a number input', () => {
    expect(
      isValidCable(patch, lookup, { source: 'bars', sourceHandle: 'bar', target: 'ema', targetHandle: 'in' }),
    ).toBe(false);
  });

  it('refuses a module wired to itself, unknown ports and missing ends', () => {
    expect(
      isValidCable(patch, lookup, { source: 'add', sourceHandle: 'out', target: 'add', targetHandle: 'a' }),
    ).toBe(false);
    expect(
      isValidCable(patch, lookup, { source: 'ema', sourceHandle: 'nope', target: 'add', targetHandle: 'a' }),
    ).toBe(false);
    expect(
      isValidCable(patch, lookup, { source: 'ema', sourceHandle: 'out', target: null, targetHandle: null }),
    ).toBe(false);
  });

  it('leaves cycles to the server, which names the path', () => {
    expect(
      isValidCable(patch, lookup, { source: 'add', sourceHandle: 'out', target: 'ema', targetHandle: 'in' }),
    ).toBe(true);
  });
});

describe('cableRefusal', () => {
  it('names both types and both ports when the types differ', () => {
    expect(
      cableRefusal(patch, lookup, { source: 'bars', sourceHandle: 'bar', target: 'ema', targetHandle: 'in' }),
    ).toBe('bar cannot feed number (bars.bar to ema.in)');
  });

  it('says nothing for a cable the types allow', () => {
    expect(
      cableRefusal(patch, lookup, { source: 'ema', sourceHandle: 'out', target: 'add', targetHandle: 'b' }),
    ).toBeNull();
  });

  it('says why for a module wired to itself and an unknown port', () => {
    expect(
      cableRefusal(patch, lookup, { source: 'add', sourceHandle: 'out', target: 'add', targetHandle: 'a' }),
    ).toBe('add cannot feed itself');
    expect(
      cableRefusal(patch, lookup, { source: 'ema', sourceHandle: 'nope', target: 'add', targetHandle: 'a' }),
    ).toBe('ema.nope is not an output');
  });
});
