// Recorded venue messages (./fixtures, copied from ../shared/data/venue-messages; see
// fixtures/README.md) read once and handed out as fresh copies to rewrite.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, unknown>();

export function fixture<T = Record<string, unknown>>(venue: string, name: string): T {
  const key = `${venue}/${name}`;
  let parsed = cache.get(key);
  if (parsed === undefined) {
    const path = fileURLToPath(new URL(`./fixtures/${venue}/${name}.json`, import.meta.url));
    parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    cache.set(key, parsed);
  }
  return structuredClone(parsed) as T;
}
