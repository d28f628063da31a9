import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';
import { freshQueue, recording } from './queue-fixtures.ts';

const dir = await tempDirForSuite('call-courier-holding-');

describe('which destinations hold files as they are (a restart scan asks a batch at a time)', () => {
  it('answers each file of a batch by path, only where size and time are exactly the same', async () => {
    const { store } = await freshQueue(dir);
    const a = recording('a.wav');
    const b = recording('b.wav');
    const c = recording('c.wav');
    store.enqueue(a, ['et', 'tethr']);
    store.enqueue(b, ['et']);
    store.enqueue(c, ['et']);

    const holding = store.destinationsHolding([
      { path: a.path, sizeBytes: a.sizeBytes, mtimeMs: a.mtimeMs },
      // Grown since it was taken in.
      { path: b.path, sizeBytes: b.sizeBytes + 1, mtimeMs: b.mtimeMs },
      // Touched since: the fraction of a millisecond counts.
      { path: c.path, sizeBytes: c.sizeBytes, mtimeMs: c.mtimeMs + 0.5 },
      { path: '/var/spool/asterisk/monitor/never-seen.wav', sizeBytes: 1, mtimeMs: 1 },
    ]);

    expect([...holding.keys()]).toEqual([a.path]);
    expect([...(holding.get(a.path) ?? [])].sort()).toEqual(['et', 'tethr']);
    store.close();
  });

  it('a batch of thousands of files is one answer, and an empty batch asks nothing', async () => {
    const { store } = await freshQueue(dir);
    const files = Array.from({ length: 3000 }, (_, i) => recording(`call-${i}.wav`));
    for (const file of files) store.enqueue(file, ['et']);
    const asked = files.map(({ path, sizeBytes, mtimeMs }) => ({ path, sizeBytes, mtimeMs }));

    const holding = store.destinationsHolding(asked);

    expect(holding.size).toBe(3000);
    expect(files.every((file) => holding.get(file.path)?.has('et'))).toBe(true);
    expect(store.destinationsHolding([]).size).toBe(0);
    store.close();
  });

  it('a name with quotes, backslashes or characters outside ASCII is matched exactly', async () => {
    const { store } = await freshQueue(dir);
    const odd = recording(`O'Brien "\\" café 通话.wav`);
    store.enqueue(odd, ['et']);
    const holding = store.destinationsHolding([
      { path: odd.path, sizeBytes: odd.sizeBytes, mtimeMs: odd.mtimeMs },
    ]);
    expect(holding.get(odd.path)).toEqual(new Set(['et']));
    store.close();
  });
});
