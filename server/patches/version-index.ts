// The history index of one patch: `.history/<name>/versions.json`. It is written last in a save,
// so it is the commit point: a version exists once its entry is here.
import { z } from 'zod';
import type { VersionInfo } from '@patchdesk/modules/contracts/hubs';
import { writeFileAtomic } from './atomic-file';
import { corruptFile, readStoreText } from './patch-files';
import type { StoreFile } from './patch-files';

/**
 * Largest index read, in bytes. An entry is ~150 bytes plus its message (at most 1,000
 * characters), so this holds hundreds of thousands of saves; past it the index is refused
 * rather than read into memory whole on every save.
 */
export const versionIndexBytesMax = 64 * 1024 * 1024;

const versionInfoSchema = z.strictObject({
  version: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  message: z.string(),
  savedAtMs: z.number().int().nonnegative(),
});

const indexSchema = z.strictObject({ versions: z.array(versionInfoSchema) });

/** Entries in version order, or [] when the patch has no history. */
export async function readVersionIndex(file: StoreFile): Promise<VersionInfo[]> {
  const text = await readStoreText(file, versionIndexBytesMax);
  if (text === null) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corruptFile(file, 'is damaged: it is not valid JSON');
  }
  const parsed = indexSchema.safeParse(raw);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw corruptFile(file, `is damaged: ${where}${issue.message}`);
  }
  const versions = parsed.data.versions;
  versions.forEach((entry, index) => {
    if (entry.version !== index + 1) {
      throw corruptFile(
        file,
        `is damaged: entry ${index} has version ${entry.version}, expected ${index + 1}`,
      );
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
