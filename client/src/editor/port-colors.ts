// One colour per port type, shared by handles, cables and the legend.
import type { PortType } from '@patchdesk/modules/sdk/ports';

export const portColors: Record<PortType, string> = {
  number: '#5fb3f9',
  bool: '#f2b84b',
  bar: '#b48ef7',
  orderIntent: '#f36f7f',
};

export function portColor(type: PortType | undefined): string {
  return type ? portColors[type] : '#8a94a6';
}
