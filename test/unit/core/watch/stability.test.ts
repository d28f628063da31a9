import { appendFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  examine,
  finishableAt,
  isDue,
  pendingFile,
} from '../../../../main/core/watch/stability.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const STABLE_MS = 1000;

describe('when a recording counts as finished', async () => {
  const dir = await tempDirForSuite('call-courier-stability-');
  let files = 0;

  /** A recording last written at `mtimeMs`, announced by a change event at `eventAt`. */
  async function announced(mtimeMs: number, eventAt: number) {
    const path = join(dir, `call-${(files += 1)}.wav`);
    await writeFile(path, 'RIFF');
    await utimes(path, mtimeMs / 1000, mtimeMs / 1000);
    return { path, file: pendingFile(eventAt) };
  }

  it('the stability window runs from the change event, not from the first look at the file', async () => {
    const event = Date.now();
    const { path, file } = await announced(event - 5, event);
    // The first look comes a check interval after the event.
    expect((await examine(path, file, event + 250, STABLE_MS)).kind).toBe('changing');
    expect(finishableAt(file, STABLE_MS)).toBe(event + STABLE_MS);
    expect((await examine(path, file, event + STABLE_MS - 1, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + STABLE_MS, STABLE_MS)).kind).toBe('finished');
  });

  it('a file written after its event waits a whole window from that write', async () => {
    const event = Date.now();
    const { path, file } = await announced(event + 500, event);
    expect((await examine(path, file, event + 600, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + 1400, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + 1500, STABLE_MS)).kind).toBe('finished');
  });

  it('a file time in the future (a share whose clock is ahead) counts from the first look', async () => {
    const event = Date.now();
    const { path, file } = await announced(event + 3_600_000, event);
    expect((await examine(path, file, event + 250, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + 1000, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + 1250, STABLE_MS)).kind).toBe('finished');
  });

  it('a recording that grows after the first look waits a whole window again', async () => {
    const event = Date.now();
    const { path, file } = await announced(event - 5, event);
    expect((await examine(path, file, event + 250, STABLE_MS)).kind).toBe('changing');
    await appendFile(path, 'more audio');
    expect((await examine(path, file, event + 600, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + 1500, STABLE_MS)).kind).toBe('changing');
    expect((await examine(path, file, event + 1600, STABLE_MS)).kind).toBe('finished');
  });
});

describe('which waiting recordings a check looks at', () => {
  const interval = 250;

  it('a recording looked at a moment ago is left alone until its window may have ended', () => {
    const file = { ...pendingFile(10_000), lookedAt: 10_250 };
    expect(isDue(file, 10_300, STABLE_MS, interval)).toBe(false);
    expect(isDue(file, 11_000, STABLE_MS, interval)).toBe(true);
  });

  it('every waiting recording is looked at again within a check interval, to see changes events missed', () => {
    const file = { ...pendingFile(10_000), lookedAt: 10_250 };
    expect(isDue(file, 10_500, STABLE_MS, interval)).toBe(true);
    expect(isDue(pendingFile(10_000), 10_001, STABLE_MS, interval)).toBe(true);
  });
});
