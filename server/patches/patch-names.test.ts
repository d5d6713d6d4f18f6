import { describe, expect, it } from 'vitest';
import { InvalidPatchNameError } from './errors';
import { assertPatchName, isValidPatchName } from './patch-names';

describe('patch names', () => {
  it('accepts readable names', () => {
    for (const name of ['ema-cross', 'BTC funding 2', 'v1.2_test', 'a', 'x'.repeat(100)]) {
      expect(isValidPatchName(name), name).toBe(true);
    }
  });

  it('refuses anything that could leave the store folder or hide a file', () => {
    const bad = [
      '',
      '..',
      '../x',
      'a/../b',
      'a..b',
      '/etc/passwd',
      'a/b',
      'a\\b',
      'C:\\x',
      '.hidden',
      ' lead',
      'trail ',
      'dot.',
      'x'.repeat(101),
      'tab\tname',
      'nul\u0000',
      'constructor',
      'prototype',
      '__proto__',
    ];
    for (const name of bad) {
      expect(isValidPatchName(name), JSON.stringify(name)).toBe(false);
      expect(() => assertPatchName(name)).toThrow(InvalidPatchNameError);
    }
    expect(() => assertPatchName(42)).toThrow(/must be a string/);
  });
});
