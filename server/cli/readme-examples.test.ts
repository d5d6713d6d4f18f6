// Every `npx patchdesk ...` command shown in a README runs as written: each is run from a fresh
// copy of the shipped patches folder (the README's relative paths are from the repo root) and
// must exit 0 without a stack trace. A README example that stops working fails here.
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, repoRoot, runCli, tempDir } from './testing';

const skippedFolders = new Set(['node_modules', '.git', 'dist', 'data', 'artifacts']);

function readmes(dir: string, found: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (skippedFolders.has(name) || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) readmes(path, found);
    else if (name === 'README.md') found.push(path);
  }
  return found;
}

/** `npx patchdesk` commands inside fenced shell blocks, continuation lines joined, comments cut. */
export function readmeCommands(text: string): string[][] {
  const commands: string[][] = [];
  let inFence = false;
  let inShell = false;
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^```/.test(line)) {
      inShell = !inFence && /^```(sh|bash|shell)?\s*$/.test(line);
      inFence = !inFence;
      continue;
    }
    if (!inShell) continue;
    const joined = pending + line;
    if (joined.trimEnd().endsWith('\\')) {
      pending = `${joined.trimEnd().slice(0, -1)} `;
      continue;
    }
    pending = '';
    const command = joined.replace(/\s+#.*$/, '').trim();
    // Templates for other programs (git's merge driver placeholders) are not runnable as written.
    if (!command.startsWith('npx patchdesk ') || command.includes('%')) continue;
    commands.push(command.slice('npx patchdesk '.length).split(/\s+/));
  }
  return commands;
}

const examples = readmes(repoRoot).flatMap((path) =>
  readmeCommands(readFileSync(path, 'utf8')).map((args) => ({ file: relative(repoRoot, path), args })),
);

describe('README examples', () => {
  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it.each(examples.map((example) => [`${example.file}: patchdesk ${example.args.join(' ')}`, example.args]))(
    '%s',
    async (_name, args) => {
      const cwd = tempDir('patchdesk-readme-');
      cpSync(join(repoRoot, 'patches'), join(cwd, 'patches'), {
        recursive: true,
        filter: (source) => !/[/\\]\.drafts$/.test(source),
      });
      const result = await runCli(args as string[], cwd);
      expect(hasStackTrace(result.stderr)).toBe(false);
      expect({ code: result.code, stderr: result.stderr }).toEqual({
        code: 0,
        stderr: result.code === 0 ? result.stderr : '',
      });
    },
    60_000,
  );
});
