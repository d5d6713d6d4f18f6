// One colour per module category, shared by the minimap and the zoomed-out overview. The node
// itself takes the same colours from styles.css (`--category`).
import type { ModuleCategory } from '@patchdesk/modules/sdk/define-module';

export const categoryColors: Record<ModuleCategory, string> = {
  sources: '#2bb3a3',
  math: '#6c7a96',
  logic: '#d9a441',
  indicators: '#9a7cf0',
  agents: '#e08a3c',
  orders: '#4f9de0',
  risk: '#e0566a',
  sinks: '#d65fb0',
};

/** For a module whose type is not in the catalog. */
export const unknownCategoryColor = '#555d6e';

export function categoryColor(category: string | undefined): string {
  return (category && (categoryColors as Record<string, string>)[category]) || unknownCategoryColor;
}
