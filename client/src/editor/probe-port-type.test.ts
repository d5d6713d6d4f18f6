import { describe, expect, it } from 'vitest';
import { catalog, samplePatch } from '../test-support/fixtures';
import { formatProbeValue } from './format-value';
import { probePortType } from './probe-port-type';

describe('probePortType', () => {
  it('finds the type of a probed output, and nothing for unknown keys', () => {
    const patch = samplePatch();
    expect(probePortType(patch, catalog, 'ema.out')).toBe('number');
    expect(probePortType(patch, catalog, 'bars.bar')).toBe('bar');
    expect(probePortType(patch, catalog, 'ema.nope')).toBeUndefined();
    expect(probePortType(patch, catalog, 'ghost.out')).toBeUndefined();
    expect(probePortType(undefined, catalog, 'ema.out')).toBeUndefined();
  });

  it('lets a list row format a bool as the node does ("false", not "0")', () => {
    const patch = samplePatch();
    patch.modules.push({ id: 'up', type: 'logic/cross-over', params: {}, position: { x: 0, y: 0 } });
    expect(formatProbeValue(0, probePortType(patch, catalog, 'up.out'))).toBe('false');
  });
});
