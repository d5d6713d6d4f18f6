// The results store for the server, opened on first use (opening PGlite takes seconds and holds
// the data directory's lock, so a server that never backtests never opens it). When the server
// already holds an open store, pass it: the data-dir lock allows one opener per directory.
import { openStore, type Store, type StoreOptions } from '../store/open-store';
import { BacktestResultsStore } from './results-store';

export interface LazyResultsStore {
  /** The store, opening it on the first call; null when none is configured. Throws when it cannot open. */
  get(): Promise<BacktestResultsStore | null>;
  /** Closes the store if this opened it. */
  close(): Promise<void>;
}

export function lazyResultsStore(
  source: { store: Store } | { options: StoreOptions } | null,
): LazyResultsStore {
  let opening: Promise<{ store: Store; results: BacktestResultsStore }> | null = null;
  const owned = source !== null && 'options' in source;
  return {
    get() {
      if (source === null) return Promise.resolve(null);
      opening ??= ('store' in source ? Promise.resolve(source.store) : openStore(source.options)).then(
        (store) => ({
          store,
          results: new BacktestResultsStore(store),
        }),
      );
      // A failed open is not kept: the next call tries again (the lock may have been freed).
      opening.catch(() => (opening = null));
      return opening.then((opened) => opened.results);
    },
    async close() {
      const opened = await opening?.catch(() => null);
      opening = null;
      if (opened && owned) await opened.store.close();
    },
  };
}
