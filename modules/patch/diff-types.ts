// The structural diff between two patches, as JSON. diff.ts computes it and renders it for people.
import type { ParamValue } from '../sdk/params';
import type { Cable, PatchModule, Position } from './types';

export interface PatchDiff {
  modulesAdded: PatchModule[];
  modulesRemoved: PatchModule[];
  paramsChanged: {
    moduleId: string;
    param: string;
    from: ParamValue | undefined;
    to: ParamValue | undefined;
  }[];
  typesChanged: { moduleId: string; from: string; to: string }[];
  moved: { moduleId: string; from: Position; to: Position }[];
  cablesAdded: Cable[];
  cablesRemoved: Cable[];
  metadataChanged: { field: 'name' | 'description'; from: string; to: string }[];
}
