// The merge view's state: after a save was refused because someone saved in between, the base
// our edits started from, their newest version, and the side chosen for each conflict. Ours is
// the live working copy (graph-store), so edits made while merging are part of the result.
import { create } from 'zustand';
import type { MergeSide } from '@patchdesk/modules/patch/merge-types';
import type { Patch } from '@patchdesk/modules/patch/types';

export interface MergeSession {
  name: string;
  base: Patch;
  baseVersion: number;
  theirs: Patch;
  theirsVersion: number;
  /** The save message the refused save had; the merged save reuses it. */
  message: string;
  choices: Record<string, MergeSide>;
}

export interface MergeState {
  merge: MergeSession | null;
  start(merge: MergeSession): void;
  choose(conflictId: string, side: MergeSide): void;
  close(): void;
}

export const useMergeStore = create<MergeState>()((set, get) => ({
  merge: null,
  start(merge) {
    set({ merge });
  },
  choose(conflictId, side) {
    const merge = get().merge;
    if (merge) set({ merge: { ...merge, choices: { ...merge.choices, [conflictId]: side } } });
  },
  close() {
    set({ merge: null });
  },
}));
