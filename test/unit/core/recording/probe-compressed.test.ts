import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompressedFormat } from '../../../../main/core/recording/compressed.ts';
import { probeRecording } from '../../../../main/core/recording/probe.ts';
import type { ToneSpec } from '../../../fixtures/ffmpeg.ts';
import { encodeTone, hasFfmpeg } from '../../../fixtures/ffmpeg.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const dir = await tempDirForSuite('probe-compressed-');
const at = (name: string) => join(dir, name);

/** The recordings, encoded once for the whole file. */
const FIXTURES = {
  'xing.mp3': { encoding: 'mp3', seconds: 3, bitrate: '32k' },
  'no-xing.mp3': { encoding: 'mp3-without-xing', seconds: 30, channels: 2, sampleRate: 44100 },
  'call.ogg': { encoding: 'opus', seconds: 3, bitrate: '16k' },
  'long-call.ogg': { encoding: 'opus', seconds: 600, bitrate: '6k' },
  'call.opus': { encoding: 'opus', seconds: 2, channels: 2 },
  'vorbis.ogg': { encoding: 'vorbis', seconds: 3, sampleRate: 16000 },
  'mono.m4a': { encoding: 'aac', seconds: 3 },
  'stereo.m4a': { encoding: 'aac', seconds: 3, channels: 2, sampleRate: 16000 },
  'actually-mp3.wav': { encoding: 'mp3', seconds: 3 },
} satisfies Record<string, ToneSpec>;

/** A copy of the first part of a fixture, as a recorder leaves it mid-call. */
async function firstPart(name: keyof typeof FIXTURES, fraction: number): Promise<string> {
  const bytes = await readFile(at(name));
  const path = at(`cut-${name}`);
  await writeFile(path, bytes.subarray(0, Math.floor(bytes.length * fraction)));
  return path;
}

describe.skipIf(!hasFfmpeg)('probing compressed recordings', () => {
  beforeAll(async () => {
    await Promise.all(Object.entries(FIXTURES).map(([name, spec]) => encodeTone(at(name), spec)));
  }, 60_000);

  it('an MP3 with a Xing/Info header is reported with its exact length', async () => {
    const { audio, problems } = await probeRecording(at('xing.mp3'));
    expect(audio).toMatchObject({ container: 'mp3', codec: 'mp3', channels: 1, sampleRate: 8000 });
    // The encoder pads the last frame, so the stream is up to one frame (72 ms here) longer.
    expect(audio?.durationSec).toBeGreaterThanOrEqual(3);
    expect(audio?.durationSec).toBeLessThan(3.2);
    expect(audio?.durationEstimated).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('an MP3 without a Xing header is timed from its bitrate and size, within 5%, marked estimated', async () => {
    const { audio, problems } = await probeRecording(at('no-xing.mp3'));
    expect(audio).toMatchObject({
      codec: 'mp3',
      channels: 2,
      sampleRate: 44100,
      durationEstimated: true,
    });
    expect(Math.abs((audio?.durationSec ?? 0) - 30) / 30).toBeLessThan(0.05);
    expect(problems).toEqual([]);
  });

  it('an Ogg/Opus recording is timed from its last page, to within 0.1 s', async () => {
    const { audio, problems } = await probeRecording(at('call.ogg'));
    expect(audio).toMatchObject({ container: 'ogg', codec: 'opus', channels: 1 });
    expect(audio?.durationSec).toBeCloseTo(3, 1);
    expect(problems).toEqual([]);
  });

  it('a 10-minute Ogg/Opus recording, too long for the library to time, is timed from its last page', async () => {
    // The fixture must stay long enough that the library gives no length from the first pages.
    const library = await readCompressedFormat(at('long-call.ogg'), 'ogg');
    expect(library).not.toHaveProperty('durationSec');
    const { audio, problems } = await probeRecording(at('long-call.ogg'));
    expect(audio).toMatchObject({ container: 'ogg', codec: 'opus', channels: 1 });
    expect(audio?.durationSec).toBeCloseTo(600, 1);
    expect(problems).toEqual([]);
  });

  it('an Ogg/Opus file named .opus is recognised, with nothing wrong', async () => {
    const { audio, problems } = await probeRecording(at('call.opus'));
    expect(audio).toMatchObject({ container: 'ogg', codec: 'opus', channels: 2 });
    expect(audio?.durationSec).toBeCloseTo(2, 1);
    expect(problems).toEqual([]);
  });

  it('an Ogg/Vorbis recording is reported as vorbis with its rate and length', async () => {
    const { audio, problems } = await probeRecording(at('vorbis.ogg'));
    expect(audio).toMatchObject({
      container: 'ogg',
      codec: 'vorbis',
      channels: 1,
      sampleRate: 16000,
    });
    expect(audio?.durationSec).toBeCloseTo(3, 1);
    expect(problems).toEqual([]);
  });

  it('a mono M4A is reported as AAC with 1 channel, though its sample entry says 2', async () => {
    const { audio, problems } = await probeRecording(at('mono.m4a'));
    expect(audio).toMatchObject({ container: 'mp4', codec: 'aac', channels: 1, sampleRate: 8000 });
    // AAC adds priming and padding frames of 1024 samples (128 ms at 8 kHz).
    expect(audio?.durationSec).toBeGreaterThanOrEqual(3);
    expect(audio?.durationSec).toBeLessThan(3.3);
    expect(problems).toEqual([]);
  });

  it('a stereo M4A is reported with 2 channels', async () => {
    const { audio } = await probeRecording(at('stereo.m4a'));
    expect(audio).toMatchObject({ codec: 'aac', channels: 2, sampleRate: 16000 });
  });

  it('MP3 audio named .wav is reported as MP3, with a problem saying how to fix the name', async () => {
    const { audio, problems } = await probeRecording(at('actually-mp3.wav'));
    expect(audio).toMatchObject({ container: 'mp3', codec: 'mp3' });
    expect(problems).toEqual([
      {
        code: 'extension-mismatch',
        message:
          'the name ends in .wav but the file is MP3 audio: rename it to .mp3, or have the recorder write WAV',
      },
    ]);
  });

  it('an Ogg recording cut off mid-stream is incomplete, and is timed by what it holds', async () => {
    const { audio, problems } = await probeRecording(await firstPart('long-call.ogg', 0.5));
    expect(audio?.durationSec).toBeGreaterThan(250);
    expect(audio?.durationSec).toBeLessThan(350);
    expect(problems.map((p) => p.code)).toEqual(['incomplete']);
  });

  it('an MP3 cut off before the length its Xing header declares is incomplete', async () => {
    const { audio, problems } = await probeRecording(await firstPart('xing.mp3', 0.5));
    expect(audio?.durationEstimated).toBe(true);
    expect(audio?.durationSec).toBeLessThan(2);
    expect(problems).toEqual([
      {
        code: 'incomplete',
        message: expect.stringContaining('still being written, or was cut off'),
      },
    ]);
  });

  it('an M4A whose index was never written (the recorder stopped mid-call) is incomplete', async () => {
    const { audio, problems } = await probeRecording(await firstPart('mono.m4a', 0.5));
    expect(audio).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['incomplete']);
  });
});
