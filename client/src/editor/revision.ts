// Revisions order the edits of a patch's working copy. Every broadcast carries the revision after
// it; a client that sees anything but the next one has missed something and refetches.

export type RevisionStep = 'next' | 'stale' | 'gap';

/**
 * Whether edits arriving with `incoming` follow `local` directly. A group may advance the
 * revision by one or by its number of edits, depending on how the server counts; both follow.
 */
export function revisionStep(local: number, incoming: number, editCount: number): RevisionStep {
  if (incoming <= local) return 'stale';
  if (incoming === local + 1 || incoming === local + editCount) return 'next';
  return 'gap';
}
