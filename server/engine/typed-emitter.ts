// A small typed event emitter: listeners per event name, an unsubscribe function back, and
// a listener that throws is isolated from the others and from the emitter's caller.

/** Event name -> listener signature. */
export type EventMap<Events> = { [E in keyof Events]: (...args: never) => void };

export class TypedEmitter<Events extends EventMap<Events>> {
  private readonly listeners: { [E in keyof Events]?: Events[E][] } = {};

  constructor(private readonly onListenerError: (error: unknown, event: string) => void = () => {}) {}

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    (this.listeners[event] ??= []).push(listener);
    return () => this.off(event, listener);
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): void {
    const list = this.listeners[event];
    if (!list) return;
    const index = list.indexOf(listener);
    if (index >= 0) list.splice(index, 1);
  }

  hasListeners(event: keyof Events): boolean {
    return (this.listeners[event]?.length ?? 0) > 0;
  }

  emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const list = this.listeners[event];
    if (!list || list.length === 0) return;
    for (const listener of list.length === 1 ? list : [...list]) {
      try {
        (listener as unknown as (...a: Parameters<Events[E]>) => void)(...args);
      } catch (error) {
        this.onListenerError(error, String(event));
      }
    }
  }
}
