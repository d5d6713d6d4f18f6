// JSON that gives back the very same numbers. JSON already round-trips every finite double
// exactly (shortest digits that parse back to it), but turns NaN and ±Infinity into null and -0
// into 0. Sweep jobs and their results cross Redis as JSON (BullMQ's job data and return
// values), and a queued sweep must equal the in-process one bit for bit, so those four values
// travel as a tagged object instead. (So an object that is exactly { $n: 'NaN' } and nothing else
// would come back as NaN: none of a job's patch, settings or results has that shape.)
const tag = '$n';
type Special = 'NaN' | 'Infinity' | '-Infinity' | '-0';

function special(value: number): Special | null {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (Object.is(value, -0)) return '-0';
  return null;
}

const specialValues: Record<Special, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
  '-0': -0,
};

export function encodeExactJson(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, item: unknown) {
    // `item` is after toJSON; a typed array is serialised as its indexed object, read as numbers
    if (typeof item === 'number') {
      const name = special(item);
      return name === null ? item : { [tag]: name };
    }
    if (ArrayBuffer.isView(item) && !(item instanceof DataView)) {
      return Array.from(item as unknown as ArrayLike<number>);
    }
    return item;
  });
}

export function decodeExactJson<T>(text: string): T {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      const name = (item as Record<string, unknown>)[tag];
      if (keys.length === 1 && typeof name === 'string' && name in specialValues) {
        return specialValues[name as Special];
      }
    }
    return item;
  }) as T;
}
