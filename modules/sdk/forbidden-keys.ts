// Keys that must never come from outside input: assigning `__proto__` on a plain object swaps its
// prototype (or is silently dropped), and `constructor` / `prototype` are the other names code
// reaches through by accident. Input holding one is refused with a message naming where it is,
// never stored and never dropped. One helper for every edge: hub arguments, patch params, ids.

export const forbiddenKeys: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * A decoder that cannot store a `__proto__` map key as a string key (it would replace the
 * object's prototype) stores the value under this symbol instead, so the key is found here and
 * refused rather than lost.
 */
export const protoKeyMark: unique symbol = Symbol('__proto__ key');

export function isForbiddenKey(key: PropertyKey): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

export interface ForbiddenKeyFound {
  key: string;
  /** Where the key sits: array indexes and object keys from the value's root to its holder. */
  path: (string | number)[];
}

/**
 * The first forbidden key in `value` (own keys of plain objects, through arrays), or undefined.
 * Iterative, so input nested thousands deep cannot overflow the stack. Typed arrays, Dates and
 * other class instances are leaves: decoders never build them from keyed input.
 */
export function findForbiddenKey(value: unknown): ForbiddenKeyFound | undefined {
  // Each entry links to its parent, so a path is built only for the key that is found.
  const stack: Step[] = [{ value, parent: undefined, key: '' }];
  for (let step = stack.pop(); step !== undefined; step = stack.pop()) {
    const current = step.value;
    if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--) {
        const element: unknown = current[index];
        if (typeof element === 'object' && element !== null)
          stack.push({ value: element, parent: step, key: index });
      }
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    const prototype: unknown = Object.getPrototypeOf(current);
    if (prototype !== Object.prototype && prototype !== null) continue;
    if (Object.hasOwn(current, protoKeyMark)) return { key: '__proto__', path: pathOf(step) };
    const record = current as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (isForbiddenKey(key)) return { key, path: pathOf(step) };
      const child = record[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, parent: step, key });
    }
  }
  return undefined;
}

interface Step {
  value: unknown;
  parent: Step | undefined;
  key: string | number;
}

function pathOf(step: Step): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Step | undefined = step; at?.parent !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** "the key '__proto__' (at params) is not allowed: ..." for an error message. */
export function describeForbiddenKey(found: ForbiddenKeyFound): string {
  const where = found.path.length > 0 ? ` (at ${formatPath(found.path)})` : '';
  return `the key '${found.key}'${where} is not allowed: the keys ${forbiddenKeys.map((key) => `'${key}'`).join(', ')} are refused in any input`;
}

/** `params.period`, `[0].module.params`: how a place in input is written in messages. */
export function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path)
    text += typeof key === 'number' ? `[${key}]` : text === '' ? String(key) : `.${String(key)}`;
  return text;
}
