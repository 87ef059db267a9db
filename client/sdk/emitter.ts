/**
 * A tiny typed event emitter. A listener that throws must not leave the client half way through a
 * frame (state merged, seq not advanced), so its error is rethrown on a fresh task: it still surfaces
 * (uncaught, as with EventEmitter) but after the SDK finished its own bookkeeping.
 */

type ListenerOf<T> = (event: T) => void;

export class Emitter<Events extends object> {
  private readonly listeners: Map<keyof Events, Set<ListenerOf<never>>>;

  constructor() {
    this.listeners = new Map();
  }

  /** Adds a listener; the returned function removes it. */
  on<K extends keyof Events>(event: K, listener: ListenerOf<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as ListenerOf<never>);
    return () => {
      set.delete(listener as ListenerOf<never>);
    };
  }

  /** True when somebody listens: lets callers skip building an event nobody reads. */
  has<K extends keyof Events>(event: K): boolean {
    return (this.listeners.get(event)?.size ?? 0) > 0;
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set || set.size === 0) return;
    for (const listener of [...set]) {
      try {
        (listener as ListenerOf<Events[K]>)(payload);
      } catch (err) {
        setTimeout(() => {
          throw err;
        }, 0);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
