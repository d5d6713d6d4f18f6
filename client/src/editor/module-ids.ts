// Readable module ids (`ema`, `ema2`, ...), the same convention as the server's newModuleId:
// they show up in probes, logs and patch diffs.

/** Room for a numeric suffix within the schema's id length limit. */
const idBaseLengthMax = 58;

export function moduleIdBase(moduleType: string): string {
  const name = moduleType.split('/').pop() ?? '';
  return name.replace(/[^A-Za-z0-9_-]/g, '').slice(0, idBaseLengthMax) || 'module';
}

export function nextModuleId(moduleType: string, taken: ReadonlySet<string>): string {
  const base = moduleIdBase(moduleType);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}
