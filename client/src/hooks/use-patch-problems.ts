// The open patch's problems (patch-problems.ts), recomputed only when the patch or catalog change.
import { useMemo } from 'react';
import { patchProblems } from '../editor/patch-problems';
import type { OpenProblem } from '../editor/patch-problems';
import { useGraphStore } from '../stores/graph-store';

const none: OpenProblem[] = [];

export function usePatchProblems(): OpenProblem[] {
  const patch = useGraphStore((state) => state.document?.patch);
  const catalog = useGraphStore((state) => state.viewCatalog);
  const catalogLoaded = useGraphStore((state) => state.catalogList.length > 0);
  // Before the catalog arrives every type would look unknown.
  return useMemo(
    () => (patch && catalogLoaded ? patchProblems(patch, catalog) : none),
    [patch, catalog, catalogLoaded],
  );
}
