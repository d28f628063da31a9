/** Stops the listener it was returned for from being called again. */
export type Disposer = () => void;

/** One kind of typed event: listeners subscribe with `on` and get a disposer back. */
export class TypedEvent<T> {
  readonly #listeners = new Set<{ readonly call: (event: T) => void }>();

  /** Calls the listener with every event from now on, until the returned disposer is called. */
  on(listener: (event: T) => void): Disposer {
    // Wrapped, so that the same function subscribed twice is called twice and disposed once each.
    const entry = { call: listener };
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Hands the event to every listener; a listener that throws does not stop the others. */
  emit(event: T): void {
    for (const entry of [...this.#listeners]) {
      try {
        entry.call(event);
      } catch (error) {
        // A throwing listener is a bug in its owner: surface it as an uncaught error,
        // outside the emitter's own work, like an EventEmitter listener would.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
