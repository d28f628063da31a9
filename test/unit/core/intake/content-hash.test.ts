import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Bytes, sha256File } from '../../../../main/core/intake/content-hash.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

// FIPS 180-2 test vectors.
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('content hashes', () => {
  it('hashes bytes in memory as the standard says', () => {
    for (const [text, expected] of [
      ['', EMPTY],
      ['abc', ABC],
    ] as const) {
      const bytes = Buffer.from(text);
      expect(sha256Bytes(bytes)).toBe(expected);
    }
  });

  it('hashes only the bytes a view shows, not the rest of its buffer', () => {
    const buffer = Buffer.alloc(64, 0x61); // "aaaa…"
    buffer.write('abc', 10);
    const view = buffer.subarray(10, 13);
    expect(sha256Bytes(view)).toBe(ABC);
  });

  it('gives a file the same hash as its bytes, over several read pieces', async () => {
    const dir = await tempDirForSuite('content-hash-');
    const bytes = randomBytes(2 * 1024 * 1024 + 777);
    const path = join(dir, 'r.wav');
    await writeFile(path, bytes);
    const inMemory = sha256Bytes(bytes);
    expect(inMemory).toMatch(/^[0-9a-f]{64}$/);
    expect(await sha256File(path)).toBe(inMemory);
    await expect(sha256File(dir)).rejects.toThrow(/not a regular file/);
  });
});
