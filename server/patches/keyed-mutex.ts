// Serialises async work per key inside one process: two saves of the same patch run one after
// the other, so the version check and the write cannot interleave.
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Run `work` holding every key (taken in sorted order, so two callers cannot deadlock). */
  async run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const runFrom = (index: number): Promise<T> =>
      index === sorted.length ? work() : this.runOne(sorted[index], () => runFrom(index + 1));
    return runFrom(0);
  }

  private runOne<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
