import { describe, expect, it } from 'vitest';
import { runCli, storeWithTwoVersions, tempDir } from '../testing';

describe('patchdesk versions', () => {
  it('lists the saved versions, oldest first', async () => {
    const store = await storeWithTwoVersions();
    const result = await runCli(['versions', 'demo', '--store', store]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^version +saved at +hash +message$/);
    expect(lines[1]).toMatch(/^1 +\d{4}-\d\d-\d\dT[\d:.]+Z +[0-9a-f]{12} +first cut$/);
    expect(lines[2]).toMatch(/^2 +.* slower slow EMA$/);
    expect(lines).toHaveLength(3);
  });

  it('exits 1 with a one-line message for a patch that does not exist', async () => {
    const result = await runCli(['versions', 'nothing-here', '--store', tempDir()]);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'patchdesk: patch "nothing-here" does not exist\n',
    });
  });
});
