// Readable module ids (`ema1`, `ema2`): they show up in probes, logs and patch diffs.
export function moduleIdBase(moduleType: string): string {
  const name = moduleType.split('/').pop() ?? moduleType;
  const base = name.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) =>
    next ? next.toUpperCase() : '',
  );
  return base.length > 0 ? base : 'module';
}

export function nextModuleId(moduleType: string, taken: ReadonlySet<string>): string {
  const base = moduleIdBase(moduleType);
  for (let n = 1; ; n += 1) {
    const id = `${base}${n}`;
    if (!taken.has(id)) return id;
  }
}
