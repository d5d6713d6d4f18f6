import { describe, expect, it } from 'vitest';
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';
import { createBuiltinRegistry } from '@patchdesk/modules/library/index';
import { runCli } from '../testing';

describe('patchdesk modules', () => {
  it('--json prints the whole catalog', async () => {
    const result = await runCli(['modules', '--json']);
    expect(result.code).toBe(0);
    const catalog = JSON.parse(result.stdout) as CatalogEntry[];
    expect(catalog.map((entry) => entry.type)).toEqual(createBuiltinRegistry().types());
    expect(
      catalog.find((entry) => entry.type === 'indicators/ema')?.outputs.map((port) => port.name),
    ).toEqual(['out']);
  });

  it('prints a table by category, with ports and parameter defaults', async () => {
    const result = await runCli(['modules']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^indicators \(\d+\)$/m);
    expect(result.stdout).toMatch(/^ {2}indicators\/atr +ATR +high, low, close -> out +period=14$/m);
    expect(result.stdout).toMatch(
      /^ {2}sources\/bars +Bars +\(bar feed\) -> open, high, low, close, volume, bar$/m,
    );
    expect(result.stdout.indexOf('sources (')).toBeLessThan(result.stdout.indexOf('indicators ('));
  });
});
