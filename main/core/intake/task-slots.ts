/** Runs at most `limit` tasks at a time; the others wait and start in the order given. */
export class TaskSlots {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  /** Runs `task` once a slot is free; answers what it answers. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        this.#running += 1;
        new Promise<T>((started) => started(task())).then(resolve, reject).finally(() => {
          this.#running -= 1;
          this.#waiting.shift()?.();
        });
      };
      if (this.#running < this.#limit) start();
      else this.#waiting.push(start);
    });
  }
}

/**
 * Runs `read` in one of `slots` at once, and `write` with what it read once `before` has
 * settled, in the same slot: items given one after the other, each with the last one's
 * promise as `before`, are read several at a time and written one at a time, in order.
 * Rejects with the error of either step; `before`'s own failure is not this item's.
 */
export function readAheadWriteInTurn<T>(
  slots: TaskSlots,
  before: Promise<unknown>,
  read: () => Promise<T>,
  write: (value: T) => Promise<void>,
): Promise<void> {
  return slots.run(async () => {
    const value = read();
    value.catch(() => undefined); // its failure is this item's: met below, after its turn
    await before.catch(() => undefined);
    await write(await value);
  });
}
