// The patch store the version commands work on: `--store <dir>`, by default ./patches (the
// folder the server uses and the examples ship in).
import { stat } from 'node:fs/promises';
import { Option } from 'commander';
import { PatchStore } from '../patches/patch-store';
import { CliError, exitCodes } from './cli-error';

export const defaultStoreDir = 'patches';

export function storeOption(): Option {
  return new Option('--store <dir>', 'patch store folder').default(defaultStoreDir);
}

/**
 * The store in `dir`, which must be an existing folder: a mistyped --store is a usage error,
 * not a new empty store made where the user did not mean one (a restore would create it).
 */
export async function openStore(dir: string): Promise<PatchStore> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(dir)).isDirectory();
  } catch {
    throw new CliError(`patch store '${dir}' does not exist (see --store)`, exitCodes.usage);
  }
  if (!isFolder) throw new CliError(`patch store '${dir}' is not a folder (see --store)`, exitCodes.usage);
  return new PatchStore(dir);
}

/** A version number argument: a positive integer (0 is the unsaved file of an example). */
export function parseVersion(text: string, what = 'version'): number {
  const version = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(version)) {
    throw new CliError(`${what} must be a whole number, got "${text}"`, exitCodes.usage);
  }
  return version;
}
