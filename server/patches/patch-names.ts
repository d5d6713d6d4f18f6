// Patch names become file and folder names under the store root, so they are checked before
// any path is built: no separators, no "..", nothing absolute, nothing hidden.
import { isForbiddenKey } from '@patchdesk/modules/patch/forbidden-keys';
import { InvalidPatchNameError } from './errors';

export const patchNameLengthMax = 100;
const namePattern = /^[A-Za-z0-9][A-Za-z0-9 _.-]*$/;

/** Throws InvalidPatchNameError unless `name` is safe to use as a file name in the store. */
export function assertPatchName(name: unknown): asserts name is string {
  const reason = patchNameProblem(name);
  if (reason !== null) throw new InvalidPatchNameError(String(name), reason);
}

export function isValidPatchName(name: unknown): name is string {
  return patchNameProblem(name) === null;
}

function patchNameProblem(name: unknown): string | null {
  if (typeof name !== 'string') return 'a name must be a string';
  if (name.length === 0) return 'a name must not be empty';
  if (name.length > patchNameLengthMax) return `a name is at most ${patchNameLengthMax} characters`;
  if (name.includes('..')) return 'a name must not contain ".."';
  if (!namePattern.test(name)) {
    return 'use letters, digits, spaces, "_", "." and "-", starting with a letter or digit (no "/" or "\\")';
  }
  // Windows drops a trailing dot or space, so "a." and "a" would be the same file there.
  if (/[ .]$/.test(name)) return 'a name must not end with a space or "."';
  // Names key maps in the server and the editor: these would be prototype traps there.
  if (isForbiddenKey(name)) return 'a name must not be "constructor", "prototype" or "__proto__"';
  return null;
}
