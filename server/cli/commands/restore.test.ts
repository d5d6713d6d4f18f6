import { describe, expect, it } from 'vitest';
import { PatchStore } from '../../patches/patch-store';
import { runCli, storeWithTwoVersions } from '../testing';

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
});
