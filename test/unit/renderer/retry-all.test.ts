import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/src/client/api-error.ts';
import { retryAll, retryAllSummary } from '../../../renderer/src/lists/retry-all.ts';

describe('Retry all', () => {
  it('retries every recording and collects the refusals instead of stopping at the first', async () => {
    const tried: number[] = [];
    const result = await retryAll([1, 2, 3, 4, 5], async (id) => {
      tried.push(id);
      if (id === 2) throw new ApiError(409, 'Call-2.wav still cannot go to et: the file is empty');
    });
    expect(tried.sort()).toEqual([1, 2, 3, 4, 5]);
    expect(result.retried).toBe(4);
    expect([...result.refused]).toEqual([
      [2, 'Call-2.wav still cannot go to et: the file is empty'],
    ]);
  });

  it('sends only a few retries at a time', async () => {
    let running = 0;
    let most = 0;
    await retryAll(
      Array.from({ length: 20 }, (_, i) => i),
      async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running -= 1;
      },
      4,
    );
    expect(most).toBe(4);
  });

  it('sums up in plain words', () => {
    expect(retryAllSummary({ retried: 3, refused: new Map() })).toBe(
      '3 recordings are on the way again.',
    );
    expect(retryAllSummary({ retried: 1, refused: new Map([[2, 'no']]) })).toBe(
      '1 recording is on the way again. 1 still needs attention: the reason is shown next to each.',
    );
    expect(
      retryAllSummary({
        retried: 0,
        refused: new Map([
          [2, 'no'],
          [3, 'no'],
        ]),
      }),
    ).toBe('2 still need attention: the reason is shown next to each.');
  });
});
