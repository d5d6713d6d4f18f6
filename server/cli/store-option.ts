// The patch store the version commands work on: `--store <dir>`, by default ./patches (the
// folder the server uses and the examples ship in).
import { Option } from 'commander';
import { PatchStore } from '../patches/patch-store';
import { CliError, exitCodes } from './cli-error';

export const defaultStoreDir = 'patches';

export function storeOption(): Option {
  return new Option('--store <dir>', 'patch store folder').default(defaultStoreDir);
}

export function openStore(dir: string): PatchStore {
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
