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
    // A name from outside may be anything, of any length: the message quotes at most a line of it.
    const shown = patchName.length > 120 ? `${patchName.slice(0, 120)}...` : patchName;
    super(`invalid patch name ${JSON.stringify(shown)}: ${reason}`);
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

/**
 * A save of content identical to the newest version: no version is made (a history of identical
 * versions hides the ones that changed something). The editor shows the message as a notice.
 */
export class NothingToSaveError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly version: number,
  ) {
    super(
      version === 0
        ? `nothing to save: patch "${patchName}" is unchanged from its file`
        : `nothing to save: patch "${patchName}" is the same as version ${version}`,
    );
    this.name = 'NothingToSaveError';
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

/**
 * A file in the store is not what it should be (does not parse, does not match its recorded
 * hash, is missing, too large, not a regular file) or cannot be read: never silently skipped or
 * overwritten. The message says which patch and which of its files, what is wrong and what to
 * do, without an absolute path (it reaches editors over the hubs); `storePath` is the file's
 * path inside the store, for the operator.
 */
export class CorruptPatchFileError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly storePath: string,
    message: string,
  ) {
    super(message);
    this.name = 'CorruptPatchFileError';
  }
}

/** Another PatchDesk process held the store's lock for the whole wait. Retryable. */
export class StoreBusyError extends PatchStoreError {
  constructor(readonly waitedMs: number) {
    super(
      `the patch store is busy: another PatchDesk process kept it locked for over ${formatWait(waitedMs)}; ` +
        'try again, and if no other PatchDesk is running, remove the .lock folder in the store',
    );
    this.name = 'StoreBusyError';
  }
}

function formatWait(waitedMs: number): string {
  return waitedMs < 1_000 ? `${waitedMs} ms` : `${Math.round(waitedMs / 1_000)} s`;
}

/**
 * This process stalled for so long while writing that another one took the store's lock over:
 * what was just written may have been overwritten.
 */
export class StoreLockLostError extends PatchStoreError {
  constructor() {
    super(
      'the patch store lock was taken over by another process while this one was writing (it stalled for ' +
        'too long); check the newest versions before saving again',
    );
    this.name = 'StoreLockLostError';
  }
}

/** Bad input to save (an invalid patch, an over-long message): nothing was written. */
export class InvalidPatchError extends PatchStoreError {
  constructor(
    readonly patchName: string,
    readonly problems: readonly Problem[],
  ) {
    const listed = problems.slice(0, 3).map((p) => p.message);
    if (problems.length > listed.length)
      listed.push(`and ${problems.length - listed.length} more problem(s)`);
    super(`patch "${patchName}" was not saved: ${listed.join('; ')}`);
    this.name = 'InvalidPatchError';
  }
}
