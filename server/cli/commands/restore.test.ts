import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PatchStore } from '../../patches/patch-store';
import { runCli, storeWithTwoVersions, tempDir } from '../testing';

describe('patchdesk restore', () => {
  it('saves an old version as the newest one, keeping the history', async () => {
    const dir = await storeWithTwoVersions();
    const result = await runCli(['restore', 'demo', '1', '--store', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^demo: restored version 1 as version 3 \([0-9a-f]{12}\)\n$/);
    const store = new PatchStore(dir);
    const versions = await store.versions('demo');
    expect(versions.map((v) => [v.version, v.message])).toEqual([
      [1, 'first cut'],
      [2, 'slower slow EMA'],
      [3, 'restore version 1'],
    ]);
    expect(await store.get('demo')).toEqual(await store.get('demo', 1));
    expect(versions[2].hash).toBe(versions[0].hash);
  });

  it('refuses a --store that is missing or not a folder (usage, exit 2) and creates nothing', async () => {
    const missing = join(tempDir(), 'no-such-store');
    const result = await runCli(['restore', 'demo', '1', '--store', missing]);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`patchdesk: patch store '${missing}' does not exist (see --store)\n`);
    expect(existsSync(missing)).toBe(false);
    const file = join(tempDir(), 'store.json');
    writeFileSync(file, '{}');
    const notFolder = await runCli(['restore', 'demo', '1', '--store', file]);
    expect(notFolder).toMatchObject({
      code: 2,
      stderr: `patchdesk: patch store '${file}' is not a folder (see --store)\n`,
    });
  });
});
