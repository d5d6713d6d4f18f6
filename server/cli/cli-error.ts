// Errors the CLI shows as one line and an exit code, never as a stack trace: they are the
// user's to fix (a bad file, a wrong name), not our bug.
import { FileRefusedError } from '../files/bounded-file';
import { BarCsvError } from '../market/bar-csv';
import { PatchStoreError } from '../patches/errors';

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.failure,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

const userErrorClasses = [BarCsvError, FileRefusedError, PatchStoreError];

/** The error as a CliError when it is the user's to fix, or null for our own bugs. */
export function asUserError(error: unknown): CliError | null {
  if (error instanceof CliError) return error;
  if (userErrorClasses.some((errorClass) => error instanceof errorClass))
    return new CliError((error as Error).message);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ['ENOENT', 'EACCES', 'EISDIR', 'ENOTDIR', 'EPERM'].includes(code)) {
    const path = (error as { path?: unknown }).path;
    return new CliError(
      `cannot access ${typeof path === 'string' ? path : 'a file'}: ${describeFsCode(code)}`,
    );
  }
  return null;
}

function describeFsCode(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return 'permission denied';
  }
}
