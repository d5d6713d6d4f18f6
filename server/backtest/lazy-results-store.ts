// The results store for the server, on the server's one database (opened on first use: opening
// PGlite takes seconds and holds the data directory's lock, so the paper journals and the
// backtest results share the same LazyStore).
import type { LazyStore } from '../store/lazy-store';
import { BacktestResultsStore } from './results-store';

export interface LazyResultsStore {
  /** The store, opening the database on the first call; null when none is configured. Throws when it cannot open. */
  get(): Promise<BacktestResultsStore | null>;
  /** Forgets the results store (the database itself is closed by its owner). */
  close(): Promise<void>;
}

export function lazyResultsStore(database: LazyStore | null): LazyResultsStore {
  let opening: Promise<BacktestResultsStore> | null = null;
  return {
    get() {
      if (database === null) return Promise.resolve(null);
      opening ??= database.get().then((store) => new BacktestResultsStore(store));
      // A failed open is not kept: the next call tries again (the lock may have been freed).
      opening.catch(() => (opening = null));
      return opening;
    },
    async close() {
      opening = null;
    },
  };
}
