// Reading patch files from disk: size-limited, parsed and schema-checked, with errors that name
// the file. Kept apart from the store so the store reads as the versioning logic only.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { parsePatchJson } from '@patchdesk/modules/patch/schema';
import { serializePatch } from '@patchdesk/modules/patch/serialize';
import type { Patch } from '@patchdesk/modules/patch/types';
import { CorruptPatchFileError } from './errors';
import { isNotFound } from './version-index';

export const patchFileBytesMax = 16 * 1024 * 1024;

export interface PatchFile {
  patch: Patch;
  /** The file's bytes as read: kept so a file we cannot parse is preserved, not overwritten. */
  text: string;
}

/** The parsed file, or null when it does not exist. Throws CorruptPatchFileError when unreadable. */
export async function readPatchFile(path: string): Promise<PatchFile | null> {
  const text = await readTextFile(path);
  if (text === null) return null;
  const parsed = parsePatchJson(text);
  if (!parsed.ok) throw new CorruptPatchFileError(path, parsed.problems);
  return { patch: parsed.patch, text };
}

export async function readTextFile(path: string): Promise<string | null> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CorruptPatchFileError(path, [{ message: 'expected a file' }]);
    if (info.size > patchFileBytesMax) {
      throw new CorruptPatchFileError(path, [
        { message: `${info.size} bytes; the limit is ${patchFileBytesMax} bytes` },
      ]);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** sha256 of the canonical serialisation: formatting-only edits of a file do not change it. */
export function contentHash(patch: Patch): string {
  return sha256(serializePatch(patch));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
