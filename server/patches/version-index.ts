// The history index of one patch: `.history/<name>/versions.json`. It is written last in a save,
// so it is the commit point: a version exists once its entry is here.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { VersionInfo } from '@patchdesk/modules/contracts/hubs';
import { writeFileAtomic } from './atomic-file';
import { CorruptPatchFileError } from './errors';

const versionInfoSchema = z.strictObject({
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  message: z.string(),
  savedAtMs: z.number().int().nonnegative(),
});

const indexSchema = z.strictObject({ versions: z.array(versionInfoSchema) });

/** Entries in version order, or [] when the patch has no history. */
export async function readVersionIndex(path: string): Promise<VersionInfo[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CorruptPatchFileError(path, [{ message: `not valid JSON (${(error as Error).message})` }]);
  }
  const parsed = indexSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CorruptPatchFileError(
      path,
      parsed.error.issues.map((issue) => ({ message: `${issue.path.join('.')}: ${issue.message}` })),
    );
  }
  const versions = parsed.data.versions;
  versions.forEach((entry, index) => {
    if (entry.version !== index + 1) {
      throw new CorruptPatchFileError(path, [
        { message: `entry ${index} has version ${entry.version}, expected ${index + 1}` },
      ]);
    }
  });
  return versions;
}

export async function writeVersionIndex(path: string, versions: readonly VersionInfo[]): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify({ versions }, null, 2)}\n`);
}

export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}
