// Typed errors of the patch store. Callers (hubs, HTTP, CLI) match on the class and show the
// message; each message says what was wrong and where.
import type { Problem } from '@patchdesk/modules/patch/types';

/**
 * Every error the store throws on purpose: the caller's to fix or to retry, never our bug.
 * The CLI and the hubs show these messages as they are; a new store error is covered by extending this.
 */
export abstract class PatchStoreError extends Error {}

export class InvalidPatchNameError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly reason: string,
  ) {
    super(`invalid patch name ${JSON.stringify(patchName)}: ${reason}`);
    this.name = 'InvalidPatchNameError';
  }
}

/** Another save came in between: the caller's base version is no longer the newest. */
export class VersionConflictError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(
      `patch "${patchName}": save was based on version ${expectedVersion}, but the newest saved version is ` +
        `${actualVersion}; reload, merge and save again`,
    );
    this.name = 'VersionConflictError';
  }
}

export class PatchNotFoundError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly version?: number,
  ) {
    super(
      version === undefined
        ? `patch "${patchName}" does not exist`
        : `patch "${patchName}" has no version ${version}`,
    );
    this.name = 'PatchNotFoundError';
  }
}

export class PatchExistsError extends PatchStoreError {
  constructor(readonly patchName: string) {
    super(`patch "${patchName}" already exists`);
    this.name = 'PatchExistsError';
  }
}

/** A file in the store is not what it should be: never silently skipped or overwritten. */
export class CorruptPatchFileError extends PatchStoreError {
  constructor(
    readonly filePath: string,
    readonly problems: readonly Pick<Problem, 'message'>[],
  ) {
    super(`${filePath} is not a valid patch store file: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'CorruptPatchFileError';
  }
}

/** Bad input to save (an invalid patch, an over-long message): nothing was written. */
export class InvalidPatchError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly problems: readonly Problem[],
  ) {
    super(`patch "${patchName}" was not saved: ${problems.map((p) => p.message).join('; ')}`);
    this.name = 'InvalidPatchError';
  }
}
