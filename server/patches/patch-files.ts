// Reading the files of the patch store: regular files only, size-limited, parsed and
// schema-checked. Errors name the patch and which of its files in words a person can act on
// (never an absolute path: they reach editors over the hubs). Kept apart from the store so the
// store reads as the versioning logic only.
import { createHash } from 'node:crypto';
import { patchFileBytesMax, parsePatchJson } from '@patchdesk/modules/patch/schema';
import { serializePatch } from '@patchdesk/modules/patch/serialize';
import type { Patch } from '@patchdesk/modules/patch/types';
import { FileRefusedError, readBoundedFile } from '../files/bounded-file';
import { CorruptPatchFileError } from './errors';

export { patchFileBytesMax };

/** Which file of a patch: its newest content, a saved version, its draft or its history index. */
export interface StoreFile {
  patchName: string;
  kind: 'newest' | 'version' | 'draft' | 'history';
  /** For kind 'version'. */
  version?: number;
  /** Absolute path, to read and write; never put into a message. */
  path: string;
  /** The path inside the store (`.history/demo/v000003.json`): safe to show. */
  storePath: string;
}

export interface PatchFile {
  patch: Patch;
  /** The file's bytes as read: kept so a file we cannot parse is preserved, not overwritten. */
  text: string;
}

/** Problems listed in one message; the rest are counted. */
const problemsListedMax = 3;

/** The parsed file, or null when it does not exist. Throws CorruptPatchFileError when unreadable. */
export async function readPatchFile(file: StoreFile): Promise<PatchFile | null> {
  const text = await readStoreText(file, patchFileBytesMax);
  if (text === null) return null;
  const parsed = parsePatchJson(text);
  if (!parsed.ok) {
    const listed = parsed.problems.slice(0, problemsListedMax).map((problem) => problem.message);
    const more = parsed.problems.length - listed.length;
    if (more > 0) listed.push(`and ${more} more problem(s)`);
    throw corruptFile(file, `is not a valid patch: ${listed.join('; ')}`);
  }
  return { patch: parsed.patch, text };
}

/** The file's text, or null when it does not exist; refused (CorruptPatchFileError) when it is not a regular file of at most `maxBytes`. */
export async function readStoreText(file: StoreFile, maxBytes: number): Promise<string | null> {
  try {
    return await readBoundedFile(file.path, { maxBytes, label: describeStoreFile(file) });
  } catch (error) {
    if (!(error instanceof FileRefusedError)) throw error;
    if (error.code === 'NOT_FOUND') return null;
    throw new CorruptPatchFileError(file.patchName, file.storePath, `${error.message}; ${repairHint(file)}`);
  }
}

/** "patch 'demo' version 3 is corrupt (...); restore another version": `what` follows the file's name. */
export function corruptFile(file: StoreFile, what: string): CorruptPatchFileError {
  return new CorruptPatchFileError(
    file.patchName,
    file.storePath,
    `${describeStoreFile(file)} ${what}; ${repairHint(file)}`,
  );
}

export function describeStoreFile(file: StoreFile): string {
  const name = `'${file.patchName}'`;
  switch (file.kind) {
    case 'newest':
      return `patch ${name} (${file.patchName}.json)`;
    case 'version':
      return `patch ${name} version ${file.version}`;
    case 'draft':
      return `the unsaved draft of patch ${name}`;
    case 'history':
      return `the version history of patch ${name}`;
  }
}

/** What the quant can do about it. */
function repairHint(file: StoreFile): string {
  switch (file.kind) {
    case 'newest':
      return `fix ${file.storePath} or restore a saved version`;
    case 'version':
      return 'restore another version';
    case 'draft':
      return `move ${file.storePath} out of the store to open the newest saved version`;
    case 'history':
      return `repair ${file.storePath} or move it out of the store`;
  }
}

/** sha256 of the canonical serialisation: formatting-only edits of a file do not change it. */
export function contentHash(patch: Patch): string {
  return sha256(serializePatch(patch));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
