import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import { serializePatch } from '@patchdesk/modules/patch/serialize';
import type { Patch, PatchModule } from '@patchdesk/modules/patch/types';
import { hasStackTrace, repoRoot, runCli, tempDir } from '../testing';

const example = (): Patch => {
  const parsed = parsePatchJson(readFileSync(join(repoRoot, 'patches/ema-cross-rsi.json'), 'utf8'));
  if (!parsed.ok) throw new Error('example patch does not parse');
  return parsed.patch;
};

function withParam(patch: Patch, moduleId: string, param: string, value: number): Patch {
  return {
    ...patch,
    modules: patch.modules.map((m) =>
      m.id === moduleId ? { ...m, params: { ...m.params, [param]: value } } : m,
    ),
  };
}

function withModule(patch: Patch, module: PatchModule): Patch {
  return { ...patch, modules: [...patch.modules, module] };
}

/** A real git repository whose patches/*.json files merge with our driver. */
function gitRepo(): { dir: string; git: (...args: string[]) => string; write: (patch: Patch) => void } {
  const dir = tempDir('patchdesk-git-');
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@t',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@t',
      },
    });
  git('init', '-q', '-b', 'main');
  const bin = join(repoRoot, 'server/bin/patchdesk.js');
  git('config', 'merge.patchdesk.driver', `"${process.execPath}" "${bin}" merge-driver %O %A %B`);
  writeFileSync(join(dir, '.gitattributes'), 'patches/*.json merge=patchdesk\n');
  execFileSync('mkdir', ['-p', join(dir, 'patches')]);
  const write = (patch: Patch) => writeFileSync(join(dir, 'patches/ema.json'), serializePatch(patch));
  return { dir, git, write };
}

function branches(ours: Patch, theirs: Patch) {
  const repo = gitRepo();
  repo.write(example());
  repo.git('add', '.');
  repo.git('commit', '-qm', 'base');
  repo.git('checkout', '-qb', 'theirs');
  repo.write(theirs);
  repo.git('commit', '-qam', 'theirs');
  repo.git('checkout', '-q', 'main');
  repo.write(ours);
  repo.git('commit', '-qam', 'ours');
  return repo;
}

const moduleAt = (id: string, y: number): PatchModule => ({
  id,
  type: 'indicators/sma',
  params: { period: 5 },
  position: { x: 900, y },
});

describe('patchdesk merge-driver with git merge', () => {
  it('merges two branches that each added a module at the end (a line merge would conflict)', () => {
    const ours = withModule(withParam(example(), 'ema-fast', 'period', 10), moduleAt('sma-ours', 0));
    const theirs = withModule(withParam(example(), 'rsi', 'period', 21), moduleAt('sma-theirs', 100));
    const repo = branches(ours, theirs);
    repo.git('merge', '-q', '--no-edit', 'theirs');
    const merged = parsePatchJson(readFileSync(join(repo.dir, 'patches/ema.json'), 'utf8'));
    expect(merged.ok).toBe(true);
    if (!merged.ok) return;
    const byId = new Map(merged.patch.modules.map((m) => [m.id, m]));
    expect(byId.get('ema-fast')?.params.period).toBe(10);
    expect(byId.get('rsi')?.params.period).toBe(21);
    expect([...byId.keys()]).toEqual(expect.arrayContaining(['sma-ours', 'sma-theirs']));
  }, 60_000);

  it('leaves readable conflict markers around only the contested param when both changed it', () => {
    const ours = withParam(example(), 'ema-slow', 'period', 30);
    const theirs = withParam(withParam(example(), 'ema-slow', 'period', 40), 'rsi', 'period', 9);
    const repo = branches(ours, theirs);
    let failed = false;
    try {
      repo.git('merge', '-q', '--no-edit', 'theirs');
    } catch {
      failed = true;
    }
    expect(failed).toBe(true);
    const text = readFileSync(join(repo.dir, 'patches/ema.json'), 'utf8');
    expect(text).toContain(
      '<<<<<<< ours\n        "period": 30\n=======\n        "period": 40\n>>>>>>> theirs\n',
    );
    expect(text.match(/<<<<<<</g)).toHaveLength(1);
    // The uncontested change from theirs is merged in.
    expect(text).toMatch(/"id": "rsi",\n\s+"type": "indicators\/rsi",\n\s+"params": \{\n\s+"period": 9/);
    expect(repo.git('status', '--porcelain')).toContain('UU patches/ema.json');
  }, 60_000);

  it('says what conflicted in one line each, and exits 1', async () => {
    const dir = tempDir();
    const files = {
      base: example(),
      ours: withParam(example(), 'ema-slow', 'period', 30),
      theirs: withParam(example(), 'ema-slow', 'period', 40),
    };
    for (const [name, patch] of Object.entries(files))
      writeFileSync(join(dir, `${name}.json`), serializePatch(patch));
    const result = await runCli([
      'merge-driver',
      join(dir, 'base.json'),
      join(dir, 'ours.json'),
      join(dir, 'theirs.json'),
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'conflict: both sides changed param ema-slow.period (ours 30, theirs 40)',
    );
    expect(hasStackTrace(result.stderr)).toBe(false);
  }, 60_000);
});
