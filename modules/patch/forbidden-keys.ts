// Names that are traps in JavaScript objects. `object[key] = value` with the key "__proto__"
// replaces the object's prototype instead of storing the value (so a param named "__proto__"
// was silently dropped when a patch was saved), and "constructor" or "prototype" look up to
// inherited things in a plain object. JSON.parse makes "__proto__" an own property, which
// object spread, zod and assignments then drop or misread. So every name that comes from
// outside and becomes a key (module ids, port and param names, patch names, map keys) is
// refused with FORBIDDEN_KEY instead of being accepted and then lost.
import { forbiddenKeys, formatPath, isForbiddenKey, protoKeyMark } from '../sdk/forbidden-keys';
import type { Problem } from './types';

// One list of forbidden names for every edge (hub arguments use the same one).
export { forbiddenKeys, isForbiddenKey };

/** Reported problems per input; past it the input is plainly hostile and one more says so. */
const forbiddenKeysReportedMax = 20;
/**
 * Levels walked by default. A patch is 5 deep at most (`edits[0].module.params.period`), so
 * anything deeper is refused by the schema anyway; not walking it keeps a hostile, deeply
 * nested input from costing time here.
 */
export const forbiddenKeysDepthMax = 32;

/** A path kept as links to its parent, so a deep value costs one node per level, not a copy. */
interface PathNode {
  parent: PathNode | null;
  key: PropertyKey;
}

type Pending =
  { value: unknown; at: PathNode | null; depth: number } | { forbidden: string; at: PathNode | null };

/**
 * FORBIDDEN_KEY problems for every own key named "__proto__", "constructor" or "prototype"
 * in a JSON-like value (objects and arrays, walked without recursion, in document order, up
 * to `depthMax` levels), with its path under `prefix`. Run this on raw input before any schema: schemas and
 * spreads drop such keys.
 */
export function forbiddenKeyProblems(
  value: unknown,
  prefix: readonly PropertyKey[] = [],
  depthMax = forbiddenKeysDepthMax,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  let root: PathNode | null = null;
  for (const key of prefix) root = { parent: root, key };
  const pending: Pending[] = [{ value, at: root, depth: 0 }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    if ('forbidden' in item) {
      if (problems.length === forbiddenKeysReportedMax) {
        problems.push(forbiddenKeyProblem([], '', 'and more keys like these; none is accepted'));
        return problems;
      }
      problems.push(forbiddenKeyProblem(pathOf(item.at), item.forbidden));
      continue;
    }
    const current = item.value;
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    if (item.depth >= depthMax) continue;
    seen.add(current);
    const depth = item.depth + 1;
    // Children are pushed last-first so they come off the stack in document order.
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        pending.push({ value: current[index], at: { parent: item.at, key: index }, depth });
      }
      continue;
    }
    // A decoder that met a "__proto__" map key marks the object instead of storing it.
    if (Object.hasOwn(current, protoKeyMark)) pending.push({ forbidden: '__proto__', at: item.at });
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      // A forbidden key's value is not walked: the key alone refuses the input.
      if (isForbiddenKey(key)) pending.push({ forbidden: key, at: item.at });
      else
        pending.push({
          value: (current as Record<string, unknown>)[key],
          at: { parent: item.at, key },
          depth,
        });
    }
  }
  return problems;
}

function pathOf(node: PathNode | null): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at = node; at !== null; at = at.parent) path.push(at.key);
  return path.reverse();
}

function forbiddenKeyProblem(path: readonly PropertyKey[], key: string, message?: string): Problem {
  const where = formatKeyPath([...path, key]);
  return {
    code: 'FORBIDDEN_KEY',
    message:
      message ??
      `${where}: "${key}" is not allowed as a key or name (it is reserved in JavaScript objects); rename it`,
    location: { path: where },
  };
}

/** `modules[3].params.__proto__`; the same form as schema paths and hub argument paths. */
export const formatKeyPath = formatPath;
