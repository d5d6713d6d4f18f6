// The patches in the store and the saved versions of the open one.
import { create } from 'zustand';
import type { PatchSummary, VersionInfo } from '@patchdesk/modules/contracts/hubs';

export interface PatchListState {
  patches: PatchSummary[];
  versions: VersionInfo[];
  setPatches(patches: readonly PatchSummary[]): void;
  setVersions(versions: readonly VersionInfo[]): void;
  addVersion(version: VersionInfo): void;
}

export const usePatchListStore = create<PatchListState>()((set, get) => ({
  patches: [],
  versions: [],
  setPatches(patches) {
    set({ patches: [...patches] });
  },
  setVersions(versions) {
    set({ versions: [...versions].sort((a, b) => b.version - a.version) });
  },
  addVersion(version) {
    const others = get().versions.filter((existing) => existing.version !== version.version);
    set({ versions: [version, ...others].sort((a, b) => b.version - a.version) });
  },
}));
