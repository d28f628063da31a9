/** Something that can be listened to; the returned function stops listening. */
export type Subscribe<T> = (listener: (value: T) => void) => () => void;

/** A typed event source. A listener that throws does not stop the others nor undo the change. */
export class ChangeEmitter<T> {
  readonly #listeners = new Set<{ readonly call: (value: T) => void }>();

  /** Adds a listener; the returned disposer removes it. */
  readonly subscribe: Subscribe<T> = (listener) => {
    const entry = { call: listener };
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  };

  /** Calls every listener; an error thrown by one is rethrown on a later tick, where it is seen. */
  fire(value: T): void {
    for (const entry of [...this.#listeners]) {
      try {
        entry.call(value);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
