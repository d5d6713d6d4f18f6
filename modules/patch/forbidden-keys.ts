// Names that are traps in JavaScript objects. `object[key] = value` with the key "__proto__"
// replaces the object's prototype instead of storing the value (so a param named "__proto__"
// was silently dropped when a patch was saved), and "constructor" or "prototype" look up to
// inherited things in a plain object. JSON.parse makes "__proto__" an own property, which
// object spread, zod and assignments then drop or misread. So every name that comes from
// outside and becomes a key (module ids, port and param names, patch names, map keys) is
// refused with FORBIDDEN_KEY instead of being accepted and then lost.
import type { Problem } from './types';

export const forbiddenKeys: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** True for "__proto__", "constructor" and "prototype": never accept these as a key or a name. */
export function isForbiddenKey(key: PropertyKey): boolean {
  return typeof key === 'string' && forbiddenKeys.includes(key);
}

/** Reported problems per input; past it the input is plainly hostile and one more says so. */
const forbiddenKeysReportedMax = 20;

/**
 * FORBIDDEN_KEY problems for every own key named "__proto__", "constructor" or "prototype"
 * anywhere in a JSON-like value (objects and arrays, walked without recursion), with its path
 * under `prefix`. Run this on raw input before any schema: schemas and spreads drop such keys.
 */
export function forbiddenKeyProblems(value: unknown, prefix: readonly PropertyKey[] = []): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const pending: { value: unknown; path: readonly PropertyKey[] }[] = [{ value, path: prefix }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value: current, path } = item;
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        pending.push({ value: current[index], path: [...path, index] });
      }
      continue;
    }
    const keys = Object.keys(current);
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index];
      if (isForbiddenKey(key)) {
        if (problems.length === forbiddenKeysReportedMax) {
          problems.push(forbiddenKeyProblem([], '', 'and more keys like these; none is accepted'));
          return problems;
        }
        problems.push(forbiddenKeyProblem(path, key));
        continue; // its value is not walked: the key alone refuses the input
      }
      pending.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return problems;
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

/** `modules[3].params.__proto__`; the same form as schema paths. */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
