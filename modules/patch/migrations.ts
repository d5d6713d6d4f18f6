// Patch file migrations: each step lifts a raw file from version n to n + 1, so old patches keep
// loading after the format changes. Version 1 is the first format, so there are no steps yet.
import type { Problem } from './types';
import { patchSchemaVersion } from './types';

type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;

/** `migrations[n]` lifts a version-n file to version n + 1. */
const migrations: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { ok: true; raw: unknown } | { ok: false; problems: Problem[] };

/** Bring a raw parsed file up to the current schema version, or say why it cannot be. */
export function migratePatch(raw: unknown): MigrationResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('', 'a patch file must be a JSON object');
  }
  const record = raw as Record<string, unknown>;
  const version = record.schemaVersion;
  if (version === undefined)
    return fail('schemaVersion', `schemaVersion is missing; expected ${patchSchemaVersion}`);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('schemaVersion', `schemaVersion must be a positive integer, got ${JSON.stringify(version)}`);
  }
  if (version > patchSchemaVersion) {
    return fail(
      'schemaVersion',
      `schemaVersion ${version} is newer than this PatchDesk understands (${patchSchemaVersion}); upgrade PatchDesk`,
    );
  }
  let current = record;
  for (let from = version; from < patchSchemaVersion; from++) {
    const step = migrations[from];
    if (!step) return fail('schemaVersion', `no migration from schemaVersion ${from} to ${from + 1}`);
    current = { ...step(current), schemaVersion: from + 1 };
  }
  return { ok: true, raw: current };
}

function fail(path: string, message: string): MigrationResult {
  return { ok: false, problems: [{ code: 'SCHEMA_INVALID', message, location: { path } }] };
}
