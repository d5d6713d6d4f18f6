// A version diff in words: modules and params added, removed and changed.
import type { PatchDiff } from '@patchdesk/modules/patch/diff-types';
import type { ParamValue } from '@patchdesk/modules/sdk/params';
import { cableKey, diffIsEmpty } from '../editor/diff-highlight';

function show(value: ParamValue | undefined): string {
  return value === undefined ? '(default)' : String(value);
}

export function DiffView({ diff }: { diff: PatchDiff }) {
  if (diffIsEmpty(diff))
    return (
      <p className="diff diff--empty" data-testid="diff-view">
        The two versions are identical.
      </p>
    );
  return (
    <ul className="diff" data-testid="diff-view">
      {diff.modulesAdded.map((module) => (
        <li key={`a-${module.id}`} className="diff__added">
          + {module.id} ({module.type})
        </li>
      ))}
      {diff.modulesRemoved.map((module) => (
        <li key={`r-${module.id}`} className="diff__removed">
          − {module.id} ({module.type})
        </li>
      ))}
      {diff.typesChanged.map((change) => (
        <li key={`t-${change.moduleId}`} className="diff__changed">
          ~ {change.moduleId}: {change.from} → {change.to}
        </li>
      ))}
      {diff.paramsChanged.map((change) => (
        <li key={`p-${change.moduleId}.${change.param}`} className="diff__changed" data-testid="diff-param">
          ~ {change.moduleId}.{change.param}: {show(change.from)} → {show(change.to)}
        </li>
      ))}
      {diff.cablesAdded.map((cable) => (
        <li key={`ca-${cableKey(cable)}`} className="diff__added">
          + cable {cable.from.module}.{cable.from.port} → {cable.to.module}.{cable.to.port}
        </li>
      ))}
      {diff.cablesRemoved.map((cable) => (
        <li key={`cr-${cableKey(cable)}`} className="diff__removed">
          − cable {cable.from.module}.{cable.from.port} → {cable.to.module}.{cable.to.port}
        </li>
      ))}
      {diff.moved.length > 0 ? <li className="diff__moved">{diff.moved.length} modules moved</li> : null}
      {diff.metadataChanged.map((change) => (
        <li key={`m-${change.field}`} className="diff__changed">
          ~ {change.field}: “{change.from}” → “{change.to}”
        </li>
      ))}
    </ul>
  );
}
