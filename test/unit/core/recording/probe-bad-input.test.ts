import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeRecording } from '../../../../main/core/recording/probe.ts';
import { wavBytes, writeWav } from '../../../fixtures/audio.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const dir = await tempDirForSuite('probe-bad-');
const at = (name: string) => join(dir, name);

async function write(name: string, bytes: Uint8Array | string): Promise<string> {
  await writeFile(at(name), bytes);
  return at(name);
}

/** Deterministic noise, so that no run can happen to produce something that looks like audio. */
function noise(length: number, seed: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state >>> 24;
  });
}

/** A one-second mono PCM WAV with bytes of its header replaced. */
function patchedWav(offset: number, bytes: readonly number[]): Uint8Array {
  const wav = wavBytes({ codec: 'pcm16', seconds: 1 });
  wav.set(bytes, offset);
  return wav;
}

describe('probing files that cannot be delivered as they are', () => {
  it('an empty file is reported as empty, with no audio', async () => {
    const result = await probeRecording(await write('empty.wav', ''));
    expect(result).toEqual({
      sizeBytes: 0,
      problems: [expect.objectContaining({ code: 'empty' })],
    });
  });

  it('a missing file is unreadable, and the message gives the system reason', async () => {
    const result = await probeRecording(at('gone.wav'));
    expect(result.audio).toBeUndefined();
    expect(result.problems).toEqual([
      { code: 'unreadable', message: expect.stringContaining('ENOENT') },
    ]);
  });

  it('a folder is not a recording', async () => {
    await mkdir(at('folder.wav'));
    const { audio, problems } = await probeRecording(at('folder.wav'));
    expect(audio).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['unreadable']);
  });

  it('a WAV cut off after its first 20 bytes is corrupt', async () => {
    const path = await write('truncated.wav', wavBytes({ seconds: 1 }).subarray(0, 20));
    const { audio, problems } = await probeRecording(path);
    expect(audio).toBeUndefined();
    expect(problems).toEqual([{ code: 'corrupt', message: expect.stringContaining('cut off') }]);
  });

  it('a RIFF/WAVE file without a fmt chunk is corrupt', async () => {
    const riff = [...'RIFF'].map((c) => c.charCodeAt(0));
    const rest = [...'\x0c\0\0\0WAVEdata\0\0\0\0'].map((c) => c.charCodeAt(0));
    const { audio, problems } = await probeRecording(
      await write('nofmt.wav', Uint8Array.from([...riff, ...rest])),
    );
    expect(audio).toBeUndefined();
    expect(problems).toEqual([
      { code: 'corrupt', message: expect.stringContaining('no fmt chunk') },
    ]);
  });

  it('a WAV whose header says 0 channels is corrupt', async () => {
    const path = await write('nochannels.wav', patchedWav(22, [0, 0]));
    const { audio, problems } = await probeRecording(path);
    expect(audio).toBeUndefined();
    expect(problems).toEqual([{ code: 'corrupt', message: expect.stringContaining('0 channels') }]);
  });

  it('a WAV whose fmt chunk is too short to describe the audio is corrupt', async () => {
    const path = await write('shortfmt.wav', patchedWav(16, [8, 0, 0, 0]));
    const { problems } = await probeRecording(path);
    expect(problems).toEqual([{ code: 'corrupt', message: expect.stringContaining('too short') }]);
  });

  it('a text file named .wav is not audio, and looks like text', async () => {
    const path = await write('notes.wav', 'Call from 0123 456789 at 10:32, agent Anna\n');
    const { audio, problems } = await probeRecording(path);
    expect(audio).toBeUndefined();
    expect(problems).toEqual([
      { code: 'not-audio', message: expect.stringContaining('looks like text') },
    ]);
  });

  it('random bytes named .mp3 are not audio', async () => {
    const path = await write('noise.mp3', noise(4096, 7));
    const { audio, problems } = await probeRecording(path);
    expect(audio).toBeUndefined();
    expect(problems.map((p) => p.code)).toEqual(['not-audio']);
  });

  it('a WAV named .mp3 is reported as WAV, with an extension problem', async () => {
    const path = await writeWav(at('misnamed.mp3'), { seconds: 1 });
    const { audio, problems } = await probeRecording(path);
    expect(audio?.container).toBe('wav');
    expect(problems).toEqual([
      {
        code: 'extension-mismatch',
        message:
          'the name ends in .mp3 but the file is WAV audio: rename it to .wav, or have the recorder write MP3',
      },
    ]);
  });

  it('a WAV with no extension at all is asked to be renamed', async () => {
    const path = await writeWav(at('call-0001'), { seconds: 1 });
    const { problems } = await probeRecording(path);
    expect(problems).toEqual([
      { code: 'extension-mismatch', message: expect.stringContaining('rename it to .wav') },
    ]);
  });

  it('a WAV whose header declares 3 s but holds 1 s is incomplete, and is timed by what it holds', async () => {
    const path = await writeWav(at('cut.wav'), { seconds: 1, declaredSeconds: 3 });
    const { audio, problems } = await probeRecording(path);
    expect(audio?.durationSec).toBeCloseTo(1, 6);
    expect(problems).toEqual([
      {
        code: 'incomplete',
        message: expect.stringContaining(
          'the recording is still being written, or was cut off: 16,000 of 48,000 bytes present',
        ),
      },
    ]);
  });

  it.each([0, 0xffffffff] as const)(
    'a WAV whose size fields are still %d, as while the recorder writes, is incomplete',
    async (sizeFields) => {
      const path = await writeWav(at(`writing-${sizeFields}.wav`), { seconds: 1, sizeFields });
      const { audio, problems } = await probeRecording(path);
      expect(audio?.durationSec).toBeCloseTo(1, 6);
      expect(problems).toEqual([
        { code: 'incomplete', message: expect.stringContaining('still being written') },
      ]);
    },
  );

  it('whatever follows a known signature, the probe answers with audio or a problem and never throws', async () => {
    const signatures = [
      'RIFF\x24\0\0\0WAVEfmt ',
      'RF64\xff\xff\xff\xffWAVEds64',
      'OggS\0\x02',
      'ID3\x04\0\0',
      '\0\0\0\x18ftypM4A ',
    ];
    const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    let file = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signatures),
        fc.uint8Array({ maxLength: 600 }),
        async (signature, rest) => {
          const path = await write(`fuzz-${file++}.bin`, Buffer.concat([latin1(signature), rest]));
          const result = await probeRecording(path);
          expect(result.audio !== undefined || result.problems.length > 0).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
