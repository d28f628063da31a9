import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeRecording } from '../../../../main/core/recording/probe.ts';
import { writeSparseRf64, writeWav } from '../../../fixtures/audio.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const dir = await tempDirForSuite('probe-wav-');
const at = (name: string) => join(dir, name);

describe('probing WAV recordings', () => {
  it('a stereo 16-bit PCM WAV is reported as pcm, 2 channels, 16000 Hz, 2 s', async () => {
    const path = await writeWav(at('stereo.wav'), {
      codec: 'pcm16',
      channels: 2,
      sampleRate: 16000,
      seconds: 2,
    });
    expect(await probeRecording(path)).toEqual({
      sizeBytes: 44 + 2 * 16000 * 2 * 2,
      audio: {
        container: 'wav',
        codec: 'pcm',
        channels: 2,
        sampleRate: 16000,
        durationSec: 2,
        bitsPerSample: 16,
      },
      problems: [],
    });
  });

  it('a mono μ-law WAV is reported as mulaw, 1 channel, 8000 Hz, 3 s', async () => {
    const path = await writeWav(at('mulaw.wav'), { codec: 'mulaw', sampleRate: 8000, seconds: 3 });
    const { audio, problems } = await probeRecording(path);
    expect(audio).toMatchObject({
      container: 'wav',
      codec: 'mulaw',
      channels: 1,
      sampleRate: 8000,
    });
    expect(audio?.durationSec).toBeCloseTo(3, 6);
    expect(problems).toEqual([]);
  });

  it('an A-law WAV is reported as alaw', async () => {
    const path = await writeWav(at('alaw.wav'), { codec: 'alaw', channels: 2, seconds: 1.5 });
    const { audio } = await probeRecording(path);
    expect(audio).toMatchObject({ codec: 'alaw', channels: 2, sampleRate: 8000 });
    expect(audio?.durationSec).toBeCloseTo(1.5, 6);
  });

  it('a GSM 6.10 WAV as FreePBX writes it (wav49) is reported as gsm610 with its length', async () => {
    const path = await writeWav(at('wav49.wav'), { codec: 'gsm610', seconds: 3 });
    const { audio, problems } = await probeRecording(path);
    expect(audio).toMatchObject({
      container: 'wav',
      codec: 'gsm610',
      channels: 1,
      sampleRate: 8000,
    });
    expect(audio?.durationSec).toBeCloseTo(3, 6);
    expect(audio?.bitsPerSample).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it("a compressed WAV's length comes from its fact chunk's sample count", async () => {
    // 3 s of GSM blocks, of which the recorder says only 2.5 s are samples.
    const path = await writeWav(at('fact.wav'), { codec: 'gsm610', seconds: 3, fact: 20000 });
    expect((await probeRecording(path)).audio?.durationSec).toBeCloseTo(2.5, 6);
  });

  it('a GSM 6.10 WAV without a fact chunk is timed by its 65-byte blocks of 320 samples', async () => {
    const path = await writeWav(at('nofact.wav'), { codec: 'gsm610', seconds: 2, fact: false });
    expect((await probeRecording(path)).audio?.durationSec).toBeCloseTo(2, 6);
  });

  it('a WAVE_FORMAT_EXTENSIBLE WAV reports the codec its sub-format GUID names, not "non-PCM"', async () => {
    const pcm = await writeWav(at('ext-pcm.wav'), {
      codec: 'pcm16',
      channels: 2,
      sampleRate: 44100,
      seconds: 1,
      extensible: true,
    });
    const mulaw = await writeWav(at('ext-mulaw.wav'), {
      codec: 'mulaw',
      seconds: 1,
      extensible: true,
    });
    expect((await probeRecording(pcm)).audio).toEqual({
      container: 'wav',
      codec: 'pcm',
      channels: 2,
      sampleRate: 44100,
      durationSec: 1,
      bitsPerSample: 16,
    });
    expect((await probeRecording(mulaw)).audio?.codec).toBe('mulaw');
  });

  it('an upper-case .WAV, as FreePBX names them, is a WAV with nothing wrong', async () => {
    const path = await writeWav(at('call.WAV'), { codec: 'pcm16', seconds: 1 });
    const { audio, problems } = await probeRecording(path);
    expect(audio?.container).toBe('wav');
    expect(problems).toEqual([]);
  });

  it('an RF64 recording over 4 GiB is timed from its ds64 sizes, without reading the audio', async () => {
    const dataBytes = 5 * 2 ** 30;
    // The file is sparse: only the header is written, the 5 GiB of audio is a hole.
    const path = await writeSparseRf64(at('long-call.wav'), {
      channels: 2,
      sampleRate: 48000,
      dataBytes,
    });
    const { sizeBytes, audio, problems } = await probeRecording(path);
    expect(sizeBytes).toBeGreaterThan(dataBytes);
    expect(audio).toMatchObject({
      container: 'rf64',
      codec: 'pcm',
      channels: 2,
      sampleRate: 48000,
    });
    expect(audio?.durationSec).toBeCloseTo(dataBytes / (48000 * 2 * 2), 6);
    expect(problems).toEqual([]);
  });
});
