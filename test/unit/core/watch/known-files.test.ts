import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnownFiles } from '../../../../main/core/watch/known-files.ts';

const root = join('/recordings');
const at = (...names: string[]) => join(root, ...names);

describe('what was reported', () => {
  it('a file counts as unchanged only with the same size and time', () => {
    const known = new KnownFiles(root);
    known.remember(at('a.wav'), 100, 5000, 1);
    expect(known.isUnchanged(at('a.wav'), 100, 5000)).toBe(true);
    expect(known.isUnchanged(at('a.wav'), 101, 5000)).toBe(false);
    expect(known.isUnchanged(at('a.wav'), 100, 5001)).toBe(false);
    expect(known.isUnchanged(at('b.wav'), 100, 5000)).toBe(false);
  });

  it('a deleted folder forgets the files inside it, and only those', () => {
    const known = new KnownFiles(root);
    known.remember(at('2025', 'a.wav'), 1, 1, 1);
    known.remember(at('2025-old', 'b.wav'), 1, 1, 1);
    known.forgetInside(at('2025'));
    expect(known.isUnchanged(at('2025', 'a.wav'), 1, 1)).toBe(false);
    expect(known.isUnchanged(at('2025-old', 'b.wav'), 1, 1)).toBe(true);
  });

  it('a complete scan forgets files it did not see', () => {
    const known = new KnownFiles(root);
    known.remember(at('moved-away.wav'), 1, 1, 1);
    known.remember(at('still-there.wav'), 1, 1, 1);
    known.markSeen(at('still-there.wav'), 2);
    known.forgetUnseen(2);
    expect(known.size).toBe(1);
    expect(known.isUnchanged(at('still-there.wav'), 1, 1)).toBe(true);
  });
});
