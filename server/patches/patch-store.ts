// The patch store: a folder of patch files with an immutable history beside them.
//
//   <root>/<name>.json                      newest content, canonical form (clean in git)
//   <root>/.history/<name>/v000001.json     every saved version, never rewritten
//   <root>/.history/<name>/versions.json    index: version, sha256, message, savedAtMs
//   <root>/.drafts/<name>.json              unsaved working copy, so edits survive a restart
//
// A save writes the version file, then the newest file, then the index (the commit point). A
// crash before the index leaves an unindexed version file (overwritten by the next save) and
// perhaps a newer <name>.json, which the next save records as a version of its own. A
// <name>.json edited outside PatchDesk (git pull, an editor) is likewise recorded as a version
// before a save replaces it, and a file that no longer parses is kept aside: nothing is lost.
//
// Writers: a per-name queue inside this process, then the store's lock across processes
// (store-lock.ts), held from the first read of a read-modify-write to its last write, so the
// server, a second server and the CLI can share one folder. Readers take no lock: every file
// is replaced by an atomic rename and version files never change once indexed.
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { VersionInfo } from '@patchdesk/modules/contracts/hubs';
import { diffPatches } from '@patchdesk/modules/patch/diff';
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import { parsePatch } from '@patchdesk/modules/patch/schema';
import { serializePatch } from '@patchdesk/modules/patch/serialize';
import type { Patch } from '@patchdesk/modules/patch/types';
import { isTempFileName, removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import {
  CorruptPatchFileError,
  InvalidPatchError,
  PatchStoreError,
  PatchExistsError,
  PatchNotFoundError,
  VersionConflictError,
} from './errors';
import { KeyedMutex } from './keyed-mutex';
import { assertPatchName, isValidPatchName } from './patch-names';
import { contentHash, corruptFile, readPatchFile, sha256 } from './patch-files';
import type { StoreFile } from './patch-files';
import { StoreLock } from './store-lock';
import { isNotFound, readVersionIndex, writeVersionIndex } from './version-index';

export const saveMessageLengthMax = 1_000;
/** A temp file this old was left by a crash (a write renames its own within milliseconds). */
export const staleTempFileAgeMs = 60_000;

export interface PatchListEntry {
  name: string;
  description: string;
  /** Newest saved version; 0 for a file with no history (an example shipped in the repo). */
  latestVersion: number;
  /** Set when the patch could not be read; the entry is listed so the quant can repair it. */
  error?: string;
}

export interface SaveOptions {
  message: string;
  /** The version the caller's content is based on; must still be the newest. */
  baseVersion: number;
}

export interface PatchStoreOptions {
  /** Clock for savedAtMs (tests pass a fixed one). */
  now?: () => number;
}

export class PatchStore {
  private readonly root: string;
  private readonly now: () => number;
  private readonly mutex = new KeyedMutex();
  private readonly storeLock: StoreLock;
  private tempFilesCleaned = false;

  constructor(rootDir: string, options: PatchStoreOptions = {}) {
    this.root = resolve(rootDir);
    this.now = options.now ?? Date.now;
    this.storeLock = new StoreLock(this.root);
  }

  async list(): Promise<PatchListEntry[]> {
    const names = new Set<string>();
    for (const entry of await readDirectory(this.root)) {
      if (!entry.isFile() || !entry.name.endsWith('.json') || isTempFileName(entry.name)) continue;
      const name = entry.name.slice(0, -'.json'.length);
      if (isValidPatchName(name)) names.add(name);
    }
    for (const entry of await readDirectory(join(this.root, '.history'))) {
      if (!entry.isDirectory() || !isValidPatchName(entry.name)) continue;
      if (await pathExists(this.indexPath(entry.name))) names.add(entry.name);
    }
    const entries: PatchListEntry[] = [];
    for (const name of [...names].sort()) entries.push(await this.listEntry(name));
    return entries;
  }

  async exists(name: string): Promise<boolean> {
    assertPatchName(name);
    return (await pathExists(this.filePath(name))) || (await pathExists(this.historyDir(name)));
  }

  /** The newest content (no version), or a saved version; version 0 is a file without history. */
  async get(name: string, version?: number): Promise<Patch> {
    assertPatchName(name);
    return this.read(name, version);
  }

  async versions(name: string): Promise<VersionInfo[]> {
    assertPatchName(name);
    const versions = await readVersionIndex(this.indexFile(name));
    if (versions.length === 0 && !(await pathExists(this.filePath(name)))) throw new PatchNotFoundError(name);
    return versions;
  }

  async save(name: string, patch: Patch, options: SaveOptions): Promise<VersionInfo> {
    assertPatchName(name);
    const checked = checkSaveInput(name, patch, options);
    return this.writing([name], () => this.saveLocked(name, checked, options));
  }

  async diff(name: string, fromVersion: number, toVersion: number): Promise<PatchDiff> {
    assertPatchName(name);
    return diffPatches(await this.read(name, fromVersion), await this.read(name, toVersion));
  }

  /** Save an old version's content as a new version; history is never rewound. */
  async restore(name: string, version: number, message?: string): Promise<VersionInfo> {
    assertPatchName(name);
    return this.writing([name], async () => {
      const patch = await this.read(name, version);
      const latest = (await readVersionIndex(this.indexFile(name))).length;
      const options = { message: message ?? `restore version ${version}`, baseVersion: latest };
      return this.saveLocked(name, checkSaveInput(name, patch, options), options);
    });
  }

  async saveDraft(name: string, patch: Patch): Promise<void> {
    assertPatchName(name);
    const checked = checkPatch(name, patch);
    await this.writing([name], async () => {
      await mkdir(join(this.root, '.drafts'), { recursive: true });
      await writeFileAtomic(this.draftPath(name), serializePatch(checked));
    });
  }

  async getDraft(name: string): Promise<Patch | null> {
    assertPatchName(name);
    return (await readPatchFile(this.draftFile(name)))?.patch ?? null;
  }

  async discardDraft(name: string): Promise<void> {
    assertPatchName(name);
    await this.writing([name], () => rm(this.draftPath(name), { force: true }));
  }

  /** Move the file, its history and its draft. The content's `name` field is left as it is. */
  async rename(name: string, newName: string): Promise<void> {
    assertPatchName(name);
    assertPatchName(newName);
    if (name === newName) return;
    await this.writing([name, newName], async () => {
      const moves = [
        [this.historyDir(name), this.historyDir(newName)],
        [this.draftPath(name), this.draftPath(newName)],
        [this.filePath(name), this.filePath(newName)],
      ] as const;
      if (!(await pathExists(moves[0][0])) && !(await pathExists(moves[2][0])))
        throw new PatchNotFoundError(name);
      for (const [, to] of moves) if (await pathExists(to)) throw new PatchExistsError(newName);
      const done: (readonly [string, string])[] = [];
      try {
        for (const move of moves) {
          if (!(await pathExists(move[0]))) continue;
          await rename(move[0], move[1]);
          done.push(move);
        }
      } catch (error) {
        for (const [from, to] of done.reverse()) await rename(to, from);
        throw error;
      }
    });
  }

  /**
   * Writers queue per name in this process, then take the store's lock across processes. The
   * first write of this store object also clears temp files left by a crash.
   */
  private writing<T>(names: readonly string[], work: () => Promise<T>): Promise<T> {
    return this.mutex.run(names, () =>
      this.storeLock.run(async () => {
        if (!this.tempFilesCleaned) {
          this.tempFilesCleaned = true;
          await this.removeStaleTempFiles();
        }
        return work();
      }),
    );
  }

  private async removeStaleTempFiles(): Promise<void> {
    const folders = [this.root, join(this.root, '.drafts')];
    for (const entry of await readDirectory(join(this.root, '.history'))) {
      if (entry.isDirectory() && isValidPatchName(entry.name)) folders.push(this.historyDir(entry.name));
    }
    for (const folder of folders) await removeStaleTempFiles(folder, staleTempFileAgeMs);
  }

  private async listEntry(name: string): Promise<PatchListEntry> {
    try {
      const versions = await readVersionIndex(this.indexFile(name));
      const patch = await this.read(name);
      return { name, description: patch.description, latestVersion: versions.length };
    } catch (error) {
      return { name, description: '', latestVersion: 0, error: listError(name, error) };
    }
  }

  private async read(name: string, version?: number): Promise<Patch> {
    if (version !== undefined && (!Number.isInteger(version) || version < 0)) {
      throw new PatchNotFoundError(name, version);
    }
    const versions = await readVersionIndex(this.indexFile(name));
    if (version === undefined || version === 0) {
      const file = await readPatchFile(this.newestFile(name));
      if (file && (version === undefined || versions.length === 0)) return file.patch;
      if (version === undefined && versions.length > 0)
        return this.readVersion(name, versions[versions.length - 1]);
      throw new PatchNotFoundError(name, version);
    }
    const info = versions[version - 1];
    if (!info) throw new PatchNotFoundError(name, version);
    return this.readVersion(name, info);
  }

  private async readVersion(name: string, info: VersionInfo): Promise<Patch> {
    const versionFile = this.versionFile(name, info.version);
    const file = await readPatchFile(versionFile);
    if (!file) throw corruptFile(versionFile, "is missing from the store's history");
    if (sha256(file.text) !== info.hash) {
      throw corruptFile(
        versionFile,
        'is corrupt (its content does not match the hash recorded when it was saved)',
      );
    }
    return file.patch;
  }

  private async saveLocked(name: string, patch: Patch, options: SaveOptions): Promise<VersionInfo> {
    const versions = await readVersionIndex(this.indexFile(name));
    if (options.baseVersion !== versions.length) {
      throw new VersionConflictError(name, options.baseVersion, versions.length);
    }
    await mkdir(this.historyDir(name), { recursive: true });
    await this.recordOutsideChange(name, versions);
    return this.commitVersion(name, versions, serializePatch(patch), options.message);
  }

  /** Keep a <name>.json that differs from the newest version (an example, a git pull, a crash). */
  private async recordOutsideChange(name: string, versions: VersionInfo[]): Promise<void> {
    let file;
    try {
      file = await readPatchFile(this.newestFile(name));
    } catch (error) {
      if (!(error instanceof CorruptPatchFileError)) throw error;
      // Moved, not read: it may be huge or not a regular file at all. Its bytes stay in history.
      await rename(this.filePath(name), join(this.historyDir(name), `unreadable-${this.now()}.json`));
      return;
    }
    if (!file) return;
    const latest = versions[versions.length - 1];
    if (latest && latest.hash === contentHash(file.patch)) return;
    const message = latest
      ? `changes made to ${name}.json outside PatchDesk`
      : `${name}.json before its first save`;
    await this.commitVersion(name, versions, serializePatch(file.patch), message);
  }

  /** Write version N+1: version file, newest file, then the index. Appends to `versions`. */
  private async commitVersion(
    name: string,
    versions: VersionInfo[],
    content: string,
    message: string,
  ): Promise<VersionInfo> {
    const info: VersionInfo = {
      version: versions.length + 1,
      hash: sha256(content),
      message,
      savedAtMs: this.now(),
    };
    await writeFileAtomic(this.versionPath(name, info.version), content);
    await writeFileAtomic(this.filePath(name), content);
    await writeVersionIndex(this.indexPath(name), [...versions, info]);
    versions.push(info);
    return info;
  }

  private filePath(name: string): string {
    return this.inside(`${name}.json`);
  }
  private historyDir(name: string): string {
    return this.inside('.history', name);
  }
  private indexPath(name: string): string {
    return join(this.historyDir(name), 'versions.json');
  }
  private versionPath(name: string, version: number): string {
    return join(this.historyDir(name), `v${String(version).padStart(6, '0')}.json`);
  }
  private draftPath(name: string): string {
    return this.inside('.drafts', `${name}.json`);
  }

  private newestFile(name: string): StoreFile {
    return { patchName: name, kind: 'newest', path: this.filePath(name), storePath: `${name}.json` };
  }
  private versionFile(name: string, version: number): StoreFile {
    const path = this.versionPath(name, version);
    return { patchName: name, kind: 'version', version, path, storePath: this.storePath(path) };
  }
  private draftFile(name: string): StoreFile {
    return { patchName: name, kind: 'draft', path: this.draftPath(name), storePath: `.drafts/${name}.json` };
  }
  private indexFile(name: string): StoreFile {
    const path = this.indexPath(name);
    return { patchName: name, kind: 'history', path, storePath: this.storePath(path) };
  }

  /** The path inside the store, with "/" on every platform: what messages show. */
  private storePath(path: string): string {
    return relative(this.root, path).split(/[\\/]/).join('/');
  }

  /** Names are checked already; this is the second lock on the door. */
  private inside(...parts: string[]): string {
    const path = resolve(this.root, ...parts);
    const rel = relative(this.root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel))
      throw new Error(`a patch store path (${parts.join('/')}) would leave the store folder`);
    return path;
  }
}

/** What listPatches shows for a patch that cannot be read: the store's own message, or a plain one. */
function listError(name: string, error: unknown): string {
  if (error instanceof PatchStoreError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const why = code === 'EACCES' || code === 'EPERM' ? ' (permission denied)' : '';
  return `patch '${name}' cannot be read${why}; check its files in the patch store`;
}

function checkPatch(name: string, patch: Patch): Patch {
  const parsed = parsePatch(patch);
  if (!parsed.ok) throw new InvalidPatchError(name, parsed.problems);
  return parsed.patch;
}

function checkSaveInput(name: string, patch: Patch, options: SaveOptions): Patch {
  const { message, baseVersion } = options;
  if (typeof message !== 'string' || message.length > saveMessageLengthMax) {
    throw new InvalidPatchError(name, [
      {
        code: 'SCHEMA_INVALID',
        message: `a save message is a string of at most ${saveMessageLengthMax} characters`,
        location: {},
      },
    ]);
  }
  if (!Number.isInteger(baseVersion) || baseVersion < 0) {
    throw new InvalidPatchError(name, [
      {
        code: 'SCHEMA_INVALID',
        message: `baseVersion must be a whole number >= 0, got ${baseVersion}`,
        location: {},
      },
    ]);
  }
  return checkPatch(name, patch);
}

async function readDirectory(path: string) {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}
