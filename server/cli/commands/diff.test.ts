import { describe, expect, it } from 'vitest';
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import { runCli, storeWithTwoVersions } from '../testing';

describe('patchdesk diff', () => {
  it('shows what changed between two versions, as text or JSON', async () => {
    const store = await storeWithTwoVersions();
    const text = await runCli(['diff', 'demo', '1', '2', '--store', store]);
    expect(text).toEqual({ code: 0, stdout: '~ param ema-slow.period: 26 -> 50\n', stderr: '' });
    const json = await runCli(['diff', 'demo', '2', '1', '--json', '--store', store]);
    expect(json.code).toBe(0);
    const diff = JSON.parse(json.stdout) as PatchDiff;
    expect(diff.paramsChanged).toEqual([{ moduleId: 'ema-slow', param: 'period', from: 50, to: 26 }]);
    expect(diff.modulesAdded).toEqual([]);
  });

  it('a version that is not a number is a usage error, exit 2', async () => {
    const result = await runCli(['diff', 'demo', 'one', '2']);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'patchdesk: from must be a whole number, got "one"\n',
    });
  });
});
