import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, runCli, tempDir } from '../testing';

describe('patchdesk validate', () => {
  it('exits 0 on a valid patch', async () => {
    const result = await runCli(['validate', 'patches/atr-breakout.json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('patches/atr-breakout.json: valid (14 modules, 22 cables)\n');
  });

  it('exits 1 listing every problem with its code and location', async () => {
    const path = join(tempDir(), 'broken.json');
    const module = (id: string, type: string, params = {}) => ({
      id,
      type,
      params,
      position: { x: 0, y: 0 },
    });
    writeFileSync(
      path,
      JSON.stringify({
        schemaVersion: 1,
        name: 'broken',
        description: '',
        modules: [
          module('bars', 'sources/bars'),
          module('ema', 'indicators/ema', { period: 0 }),
          module('mystery', 'indicators/nope'),
          module('rsi', 'indicators/rsi'),
        ],
        cables: [{ from: { module: 'bars', port: 'close' }, to: { module: 'ema', port: 'price' } }],
      }),
    );
    const result = await runCli(['validate', path]);
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(5); // ema.in is unconnected too
    expect(result.stdout).toMatch(
      /PARAM_INVALID \(module ema param period, modules\[1\]\.params\.period\): /,
    );
    expect(result.stdout).toMatch(
      /UNKNOWN_MODULE_TYPE \(module mystery, modules\[2\]\.type\): .*indicators\/nope/,
    );
    expect(result.stdout).toMatch(/UNKNOWN_PORT \(module ema port price, cables\[0\]\.to\.port\): .*price/);
    expect(result.stdout).toMatch(/MISSING_REQUIRED_INPUT \(module rsi port in\)/);
    expect(result.stderr).toBe(`patchdesk: ${path}: 5 problem(s)\n`);
  });

  it('reports a file that is not JSON, or missing, in one line without a stack trace', async () => {
    const path = join(tempDir(), 'not-json.json');
    writeFileSync(path, '{\n  "schemaVersion": 1,\n  oops\n}');
    const bad = await runCli(['validate', path]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^ {2}SCHEMA_INVALID: not valid JSON at line 3/);
    const missing = await runCli(['validate', join(tempDir(), 'missing.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^patchdesk: patch file '.*missing\.json' does not exist\n$/);
    expect(hasStackTrace(bad.stderr + missing.stderr)).toBe(false);
  });
});
