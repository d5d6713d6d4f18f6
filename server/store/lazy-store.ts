// The server opens the database only when something needs it (a paper run's journal, a stored
// backtest): start-up stays fast, and a server that never trades never creates ./data. One
// store per process, shared by its users (the embedded store's directory lock allows one).
import type { Logger } from 'pino';
import type { Store, StoreOptions } from './open-store';

export class LazyStore {
  #opening: Promise<Store> | null = null;

  constructor(
    readonly options: StoreOptions,
    private readonly logger?: Logger,
  ) {}

  /** The open store; the first call opens it (migrations run then). A failed open is retried next call. */
  get(): Promise<Store> {
    // imported here: PGlite and pg load only when a store is really needed
    this.#opening ??= import('./open-store')
      .then(({ openStore }) => openStore(this.options))
      .then(
        (store) => {
          this.logger?.info({ store: store.location, kind: store.kind }, 'store opened');
          return store;
        },
        (error: unknown) => {
          this.#opening = null;
          throw error;
        },
      );
    return this.#opening;
  }

  get opened(): boolean {
    return this.#opening !== null;
  }

  async close(): Promise<void> {
    const opening = this.#opening;
    this.#opening = null;
    if (!opening) return;
    const store = await opening.catch(() => null);
    await store?.close();
  }
}
