import { execFile } from 'node:child_process';
import type { Stats } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeRecording, probeWholeRecording } from '../../../../main/core/recording/probe.ts';
import {
  readWholeRecording,
  trimSpareBuffers,
  type WholeRecording,
} from '../../../../main/core/recording/whole-recording.ts';
import { wavBytes, writeSparseRf64, writeWav } from '../../../fixtures/audio.ts';
import { encodeTone, hasFfmpeg, type ToneSpec } from '../../../fixtures/ffmpeg.ts';
import { hasCommand } from '../../../fixtures/system.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const dir = await tempDirForSuite('probe-whole-');
const at = (name: string) => join(dir, name);

/** Reads the file whole (it must be readable) and probes it from memory. */
async function probedWhole(path: string) {
  const whole = await readWholeRecording(path);
  if (whole === undefined) throw new Error(`${path} was not read whole`);
  try {
    return await probeWholeRecording(path, whole);
  } finally {
    whole.release();
  }
}

/** The same file probed both ways: intake's single read must say what the probe of the file says. */
async function expectSameBothWays(path: string): Promise<void> {
  expect(await probedWhole(path)).toEqual(await probeRecording(path));
}

const WAVS: Record<string, Parameters<typeof wavBytes>[0]> = {
  'pcm16.wav': { seconds: 2 },
  'stereo.wav': { seconds: 1, channels: 2, sampleRate: 16000 },
  'mulaw.wav': { codec: 'mulaw', seconds: 2 },
  'alaw-extensible.wav': { codec: 'alaw', seconds: 1, extensible: true },
  'gsm.wav': { codec: 'gsm610', seconds: 2 },
  'gsm-no-fact.wav': { codec: 'gsm610', seconds: 2, fact: false },
  'cut-off.wav': { seconds: 1, declaredSeconds: 3 },
  'sizes-unset.wav': { seconds: 1, sizeFields: 0 },
  'sizes-max.wav': { seconds: 1, sizeFields: 0xffffffff },
};

const COMPRESSED = {
  'call.mp3': { encoding: 'mp3', seconds: 2, bitrate: '32k' },
  'no-xing.mp3': { encoding: 'mp3-without-xing', seconds: 3 },
  'call.ogg': { encoding: 'opus', seconds: 2, bitrate: '16k' },
  'vorbis.ogg': { encoding: 'vorbis', seconds: 2, sampleRate: 16000 },
  'call.m4a': { encoding: 'aac', seconds: 2 },
  'actually-mp3.wav': { encoding: 'mp3', seconds: 1 },
} satisfies Record<string, ToneSpec>;

describe('a small recording read whole once, as intake reads it', () => {
  it.each(Object.keys(WAVS))('%s is probed from memory as from the file', async (name) => {
    await expectSameBothWays(await writeWav(at(name), WAVS[name] as (typeof WAVS)[string]));
  });

  it('an RF64 recording, an empty file and a file that is not audio are probed alike', async () => {
    await expectSameBothWays(
      await writeSparseRf64(at('small.rf64.wav'), {
        channels: 1,
        sampleRate: 8000,
        dataBytes: 64_000,
      }),
    );
    await writeFile(at('empty.wav'), '');
    await expectSameBothWays(at('empty.wav'));
    await writeFile(at('notes.wav'), 'call notes, typed into the wrong folder\n');
    await expectSameBothWays(at('notes.wav'));
  });

  it.skipIf(!hasFfmpeg && process.env.CI !== 'true')(
    'MP3, Ogg and MP4 recordings, whole and cut short, are probed alike',
    async () => {
      for (const [name, spec] of Object.entries(COMPRESSED)) {
        const path = await encodeTone(at(name), spec);
        await expectSameBothWays(path);
        const bytes = await readFile(path);
        await writeFile(at(`cut-${name}`), bytes.subarray(0, Math.floor(bytes.length / 2)));
        await expectSameBothWays(at(`cut-${name}`));
      }
    },
    60_000,
  );

  it('any damage to a WAV header is reported the same way from memory as from the file', async () => {
    const wav = wavBytes({ seconds: 1 });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(wav.length + 8), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(wav.length),
        async (patches, keep) => {
          const bytes = Uint8Array.from(wav.subarray(0, Math.max(keep, 12)));
          for (const [offset, value] of patches) if (offset < bytes.length) bytes[offset] = value;
          const path = at(`damaged-${(run += 1)}.wav`);
          await writeFile(path, bytes);
          await expectSameBothWays(path);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('probes the bytes it read, not the file again', async () => {
    const path = await writeWav(at('read-once.wav'), { seconds: 1, channels: 2 });
    const whole = await readWholeRecording(path);
    if (whole === undefined) throw new Error('not read');
    // Whatever is on disk now, the probe answers for what was read.
    await writeFile(path, Buffer.alloc(whole.before.size, 0x41));
    const result = await probeWholeRecording(path, whole);
    whole.release();
    expect(result.problems).toEqual([]);
    expect(result.audio).toMatchObject({ container: 'wav', channels: 2, sampleRate: 8000 });
  });

  it('a file that changed between the two looks at it is said to be still changing', async () => {
    const path = await writeWav(at('growing.wav'), { seconds: 1 });
    const whole = await readWholeRecording(path);
    if (whole === undefined) throw new Error('not read');
    const grown: Stats = { ...whole.after, size: whole.after.size + 4096 } as Stats;
    const result = await probeWholeRecording(path, { ...whole, after: grown });
    whole.release();
    expect(result.sizeBytes).toBe(grown.size);
    expect(result.audio).toBeUndefined();
    expect(result.problems).toEqual([
      expect.objectContaining({
        code: 'incomplete',
        message: expect.stringContaining('the file changed while it was being read'),
      }),
    ]);
  });

  it('holds exactly the bytes of each file, also when the memory of the one before is used again', async () => {
    const big = Buffer.alloc(300_000, 7);
    const small = Buffer.from('RIFF and a little more');
    await writeFile(at('big.bin'), big);
    await writeFile(at('small.bin'), small);
    const first = (await readWholeRecording(at('big.bin'))) as WholeRecording;
    expect(Buffer.from(first.bytes).equals(big)).toBe(true);
    // Not given back yet: the next read must not write into it.
    const second = (await readWholeRecording(at('small.bin'))) as WholeRecording;
    expect(Buffer.from(first.bytes).equals(big)).toBe(true);
    expect(Buffer.from(second.bytes).equals(small)).toBe(true);
    first.release();
    second.release();
    const third = (await readWholeRecording(at('small.bin'))) as WholeRecording;
    expect(Buffer.from(third.bytes).equals(small)).toBe(true);
    expect(third.before.size).toBe(small.length);
    third.release();
  });

  it('keeps the memory of a few recordings read at once for the next ones, and one once trimmed', async () => {
    trimSpareBuffers();
    const files = ['r1.bin', 'r2.bin', 'r3.bin'];
    for (const [i, name] of files.entries()) await writeFile(at(name), Buffer.alloc(1000, i + 1));
    const readAll = async () =>
      (await Promise.all(files.map((name) => readWholeRecording(at(name))))) as WholeRecording[];
    const memoryOf = (wholes: readonly WholeRecording[]) => wholes.map((w) => w.bytes.buffer);

    const burst = await readAll();
    expect(new Set(memoryOf(burst)).size).toBe(3);
    burst.forEach((whole, i) => expect(whole.bytes.every((byte) => byte === i + 1)).toBe(true));
    for (const whole of burst) whole.release();
    const again = await readAll();
    // The next burst reads into the same three.
    expect(new Set([...memoryOf(burst), ...memoryOf(again)]).size).toBe(3);
    again.forEach((whole, i) => expect(whole.bytes.every((byte) => byte === i + 1)).toBe(true));
    for (const whole of again) whole.release();

    trimSpareBuffers();
    const afterTrim = await readAll();
    const kept = memoryOf(afterTrim).filter((memory) => memoryOf(again).includes(memory));
    expect(kept).toHaveLength(1);
    for (const whole of afterTrim) whole.release();
    trimSpareBuffers();
  });

  it('leaves to the usual reading what it cannot read whole: too big, missing, a folder, a pipe', async () => {
    await writeFile(at('over.bin'), Buffer.alloc(2048));
    expect(await readWholeRecording(at('over.bin'), 1024)).toBeUndefined();
    expect(await readWholeRecording(at('missing.wav'))).toBeUndefined();
    await mkdir(at('folder.wav'));
    expect(await readWholeRecording(at('folder.wav'))).toBeUndefined();
    if (hasCommand('mkfifo')) {
      await promisify(execFile)('mkfifo', [at('pipe.wav')]);
      expect((await stat(at('pipe.wav'))).isFIFO()).toBe(true);
      // Answers at once: a named pipe with no writer must not hold intake up.
      expect(await readWholeRecording(at('pipe.wav'))).toBeUndefined();
    }
  });
});
