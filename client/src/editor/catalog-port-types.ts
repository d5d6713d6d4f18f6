// The catalog seen as make-subpatch needs it: port types by module type and port name.
import type { PortTypeSource } from '@patchdesk/modules/patch/make-subpatch';
import type { PortType } from '@patchdesk/modules/sdk/ports';
import type { CatalogEntry, CatalogPort } from '@patchdesk/modules/sdk/registry';

export function catalogPortTypes(catalog: Readonly<Record<string, CatalogEntry>>): PortTypeSource {
  const byName = (ports: readonly CatalogPort[]): Record<string, { type: PortType }> =>
    Object.fromEntries(ports.map((port) => [port.name, { type: port.type }]));
  return {
    get(type) {
      const entry = Object.hasOwn(catalog, type) ? catalog[type] : undefined;
      return entry ? { inputs: byName(entry.inputs), outputs: byName(entry.outputs) } : undefined;
    },
  };
}
