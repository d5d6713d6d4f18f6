// Palette search: every word of the query must appear in the module's title, type, category or
// description; matches in the title rank first.
import type { CatalogEntry } from '@patchdesk/modules/sdk/registry';

export function searchCatalog(entries: readonly CatalogEntry[], query: string): CatalogEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  const scored: { entry: CatalogEntry; score: number }[] = [];
  for (const entry of entries) {
    const title = entry.title.toLowerCase();
    const haystack = `${title} ${entry.type.toLowerCase()} ${entry.category} ${entry.description.toLowerCase()}`;
    if (!words.every((word) => haystack.includes(word))) continue;
    const score = words.reduce(
      (sum, word) => sum + (title === word ? 4 : title.startsWith(word) ? 3 : title.includes(word) ? 2 : 0),
      0,
    );
    scored.push({ entry, score });
  }
  return scored.sort((a, b) => b.score - a.score).map(({ entry }) => entry);
}
