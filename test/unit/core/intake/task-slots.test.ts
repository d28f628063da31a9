import { describe, expect, it } from 'vitest';
import { readAheadWriteInTurn, TaskSlots } from '../../../../main/core/intake/task-slots.ts';

/** A promise settled from outside. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** Lets every callback already due run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('task slots', () => {
  it('runs at most the limit at once, the rest in the order given', async () => {
    const slots = new TaskSlots(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) =>
      slots.run(async () => {
        started.push(i);
        await gate.promise;
        return i * 10;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1]?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]?.resolve();
    gates[2]?.resolve();
    gates[3]?.resolve();
    expect(await Promise.all(runs)).toEqual([0, 10, 20, 30]);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a task that fails, or throws before it is under way', async () => {
    const slots = new TaskSlots(1);
    await expect(slots.run(() => Promise.reject(new Error('no disk')))).rejects.toThrow('no disk');
    await expect(
      slots.run(() => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    expect(await slots.run(() => Promise.resolve('still runs'))).toBe('still runs');
  });
});

describe('reading ahead, writing in turn', () => {
  it('reads several at once but writes in the order given, even when a later read ends first', async () => {
    const slots = new TaskSlots(3);
    const reads = [deferred<string>(), deferred<string>(), deferred<string>()];
    const readStarted: number[] = [];
    const written: string[] = [];
    let last: Promise<unknown> = Promise.resolve();
    const items = reads.map((read, i) => {
      const item = readAheadWriteInTurn(
        slots,
        last,
        () => {
          readStarted.push(i);
          return read.promise;
        },
        async (value) => {
          written.push(value);
        },
      );
      last = item;
      return item;
    });
    await settle();
    expect(readStarted).toEqual([0, 1, 2]);
    reads[2]?.resolve('c');
    reads[1]?.resolve('b');
    await settle();
    expect(written).toEqual([]);
    reads[0]?.resolve('a');
    await Promise.all(items);
    expect(written).toEqual(['a', 'b', 'c']);
  });

  it("fails an item with its own read's error, after its turn, and the next still writes", async () => {
    const slots = new TaskSlots(2);
    const first = deferred();
    const written: string[] = [];
    const one = readAheadWriteInTurn(
      slots,
      Promise.resolve(),
      () => first.promise.then(() => 'one'),
      async (value) => {
        written.push(value);
      },
    );
    const two = readAheadWriteInTurn(
      slots,
      one,
      () => Promise.reject(new Error('unreadable')),
      async () => {
        written.push('two');
      },
    );
    const three = readAheadWriteInTurn(
      slots,
      two,
      () => Promise.resolve('three'),
      async (value) => {
        written.push(value);
      },
    );
    await settle();
    // The failed read waits for the item before it: nothing is said out of turn.
    let twoSettled = false;
    two.catch(() => undefined).finally(() => (twoSettled = true));
    await settle();
    expect(twoSettled).toBe(false);
    first.resolve();
    await one;
    await expect(two).rejects.toThrow('unreadable');
    await three;
    expect(written).toEqual(['one', 'three']);
  });
});
