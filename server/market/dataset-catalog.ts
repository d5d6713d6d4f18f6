// The bar data a run may replay: the bundled sample, plus every CSV file the operator put in a
// data folder (`--data`). A client names a dataset by id, an id is matched against the listing
// (never joined into a path), a listed file must resolve inside its folder and be a regular file,
// and it is read with a size cap. Errors name the dataset id: no path, no file contents.
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { Logger } from 'pino';
import type { DatasetInfo } from '@patchdesk/modules/contracts/hubs';
import { FileRefusedError, readBoundedFile } from '../files/bounded-file';
import type { BarColumns } from './bar-columns';
import { BarCsvError, parseBarCsvColumns } from './bar-csv';

export const sampleDatasetId = 'sample';
/** Largest dataset file read, in bytes (about 700k one-minute bars in our CSV layout). */
export const datasetBytesMax = 64 * 1024 * 1024;
/** Files listed per data folder; more are ignored (and logged), so a listing stays small. */
export const datasetsPerFolderMax = 1_000;
/** A dataset id is a plain CSV file name: no separators, no leading dot. */
const datasetIdPattern = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,126}\.csv$/i;

/** The dataset cannot be used; the message is meant for the client and names only the id. */
export class DatasetRefusedError extends Error {
  override readonly name = 'DatasetRefusedError';
}

export interface DatasetCatalogOptions {
  /** The bars of the `sample` dataset (checked to be inside an allowed folder at startup). */
  samplePath: string;
  /** Operator folders whose CSV files are datasets, first folder first on a name clash. */
  dataDirs: readonly string[];
  logger: Logger;
  bytesMax?: number;
}

interface Listed {
  info: DatasetInfo;
  /** Resolved path on the server; never leaves this file. */
  path: string;
}

export class DatasetCatalog {
  private sample: Promise<BarColumns> | undefined;
  private readonly bytesMax: number;

  constructor(private readonly options: DatasetCatalogOptions) {
    this.bytesMax = options.bytesMax ?? datasetBytesMax;
  }

  /** The sample first, then the data folders' CSV files by id. */
  async list(): Promise<DatasetInfo[]> {
    return (await this.listAll()).map((entry) => entry.info);
  }

  /** The bars of a listed dataset; DatasetRefusedError for anything else. */
  async load(id: string): Promise<BarColumns> {
    if (id === sampleDatasetId) {
      // the sample is read once; a failed read is retried next time
      this.sample ??= this.read(sampleDatasetId, this.options.samplePath);
      this.sample.catch(() => (this.sample = undefined));
      return this.sample;
    }
    const listed = (await this.listAll()).find((entry) => entry.info.id === id);
    if (listed === undefined) throw await this.unknown(id);
    return this.read(id, listed.path);
  }

  private async listAll(): Promise<Listed[]> {
    const sampleBytes = await stat(this.options.samplePath).then(
      (info) => info.size,
      () => 0,
    );
    const sample: Listed = {
      info: { id: sampleDatasetId, source: 'bundled', bytes: sampleBytes },
      path: this.options.samplePath,
    };
    const byId = new Map<string, Listed>();
    for (const dir of this.options.dataDirs) {
      for (const entry of await this.listFolder(dir))
        if (!byId.has(entry.info.id)) byId.set(entry.info.id, entry);
    }
    return [sample, ...[...byId.values()].sort((a, b) => (a.info.id < b.info.id ? -1 : 1))];
  }

  private async listFolder(dir: string): Promise<Listed[]> {
    let root: string;
    let names: string[];
    try {
      root = await realpath(dir);
      names = (await readdir(root)).filter((name) => datasetIdPattern.test(name)).sort();
    } catch (error) {
      this.options.logger.warn({ err: error }, 'a data folder could not be listed');
      return [];
    }
    if (names.length > datasetsPerFolderMax) {
      this.options.logger.warn(
        { listed: datasetsPerFolderMax, found: names.length },
        `a data folder holds more than ${datasetsPerFolderMax} CSV files; the rest are not offered`,
      );
      names = names.slice(0, datasetsPerFolderMax);
    }
    const listed: Listed[] = [];
    for (const name of names) {
      const path = await insideFolder(root, join(root, name));
      if (path === undefined) continue; // a link leading out of the folder, or not a regular file
      const info = await stat(path);
      listed.push({ info: { id: name, source: 'data folder', bytes: info.size }, path });
    }
    return listed;
  }

  private async read(id: string, path: string): Promise<BarColumns> {
    let text: string;
    try {
      text = await readBoundedFile(path, { maxBytes: this.bytesMax, label: `dataset '${id}'` });
    } catch (error) {
      if (error instanceof FileRefusedError) throw new DatasetRefusedError(error.message);
      throw error;
    }
    let bars: BarColumns;
    try {
      bars = parseBarCsvColumns(text, id);
    } catch (error) {
      if (!(error instanceof BarCsvError)) throw error;
      // The problem may quote the file (a header, a cell): it stays in the server log.
      this.options.logger.warn({ dataset: id, line: error.line, problem: error.problem }, 'dataset refused');
      throw new DatasetRefusedError(
        `dataset '${id}' is not a valid bar CSV (line ${error.line}); the server log names the problem`,
      );
    }
    if (bars.length === 0) throw new DatasetRefusedError(`dataset '${id}' holds no bars`);
    return bars;
  }

  private async unknown(id: string): Promise<DatasetRefusedError> {
    const ids = (await this.list()).map((info) => info.id).join(', ');
    // echo a plain name back; anything path-like is described, not quoted
    const named = datasetIdPattern.test(id) || id === sampleDatasetId ? ` '${id}'` : '';
    return new DatasetRefusedError(
      `unknown dataset${named}: a dataset is named by an id from listDatasets, never a path; the datasets are: ${ids}`,
    );
  }
}

/** The real path of `candidate` when it is a regular file inside `root` (links resolved). */
async function insideFolder(root: string, candidate: string): Promise<string | undefined> {
  try {
    const real = await realpath(candidate);
    if (!real.startsWith(root + sep)) return undefined;
    return (await stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** True when `path` (resolved) is inside one of `folders` (resolved); for operator-given files. */
export async function isInsideFolders(path: string, folders: readonly string[]): Promise<boolean> {
  for (const folder of folders) {
    try {
      if ((await insideFolder(await realpath(folder), path)) !== undefined) return true;
    } catch {
      // a folder that does not exist holds nothing
    }
  }
  return false;
}
