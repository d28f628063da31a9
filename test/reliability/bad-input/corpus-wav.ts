// WAV and RF64 recordings cut off at each header boundary, or with absurd values in their headers.
import { wavBytes } from '../../fixtures/audio.ts';
import { ascii, concat, rf64Bytes } from './container-bytes.ts';
import { etName, fileEntry, goodWav, type CorpusEntry } from './corpus-entry.ts';

/** A one-second stereo PCM WAV: RIFF header 0–12, fmt chunk 12–36, data header 36–44, audio. */
const wav = () => wavBytes({ channels: 2, sampleRate: 8000, seconds: 1 });

/** The WAV with little-endian 32-bit `value` written at `offset`. */
function withU32(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint32(offset, value, true);
  return copy;
}

/** The WAV with little-endian 16-bit `value` written at `offset`. */
function withU16(bytes: Uint8Array, offset: number, value: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  new DataView(copy.buffer).setUint16(offset, value, true);
  return copy;
}

/** A chunk with an id and a body of zeros. */
function chunk(id: string, bodyBytes: number): Uint8Array {
  const header = concat(ascii(id), new Uint8Array(4));
  new DataView(header.buffer).setUint32(4, bodyBytes, true);
  return concat(header, new Uint8Array(bodyBytes + (bodyBytes % 2)));
}

/** The good WAV with `chunks` between its RIFF header and its fmt chunk. */
function withChunksBeforeFmt(chunks: readonly Uint8Array[]): Uint8Array {
  const good = goodWav();
  const joined = concat(good.subarray(0, 12), ...chunks, good.subarray(12));
  return withU32(joined, 4, joined.length - 8);
}

const CUT_OFF = /header is cut off inside its/;

/** Where a WAV may be cut off, and what the probe must say about each place. */
const CUTS: readonly [number, string, RegExp][] = [
  [4, 'after the RIFF magic', /cut off inside its RIFF header/],
  [8, 'after the RIFF size', /cut off inside its RIFF header/],
  [12, 'after the WAVE form type', /has no fmt chunk/],
  [16, 'after the fmt chunk id', CUT_OFF],
  [20, 'after the fmt chunk size', /cut off inside its fmt chunk/],
  [28, 'in the middle of the fmt chunk', /cut off inside its fmt chunk/],
  [36, 'after the fmt chunk', /has no data chunk/],
  [40, 'after the data chunk id', /cut off inside its chunk header.*before any audio/],
];

const truncations: CorpusEntry[] = CUTS.map(([bytes, where, reason], i) =>
  fileEntry({
    kind: `WAV cut off ${where}`,
    made: `the first ${bytes} bytes of a 1 s stereo PCM WAV`,
    name: etName(100 + i),
    bytes: () => wav().subarray(0, bytes),
    expected: { outcome: 'failed', code: 'corrupt', reason },
  }),
);

export const WAV_ENTRIES: readonly CorpusEntry[] = [
  ...truncations,
  fileEntry({
    kind: 'WAV cut off after the data chunk header',
    made: 'the first 44 bytes of a 1 s stereo PCM WAV: a header declaring 32,000 bytes of audio, and none',
    name: etName(110),
    bytes: () => wav().subarray(0, 44),
    expected: { outcome: 'failed', code: 'incomplete', reason: /0 of 32,000 bytes present/ },
  }),
  fileEntry({
    kind: 'WAV cut off in the middle of its audio',
    made: 'a 1 s stereo PCM WAV without its last half second',
    name: etName(111),
    bytes: () => wav().subarray(0, 44 + 16_000),
    expected: { outcome: 'failed', code: 'incomplete', reason: /16,000 of 32,000 bytes present/ },
  }),
  fileEntry({
    kind: 'WAV whose data size is absurd',
    made: 'a 1 s WAV whose data chunk declares 4,294,967,280 bytes',
    name: etName(112),
    bytes: () => withU32(wav(), 40, 0xfffffff0),
    expected: { outcome: 'failed', code: 'incomplete', reason: /of 4,294,967,280 bytes present/ },
  }),
  fileEntry({
    kind: 'WAV whose fmt chunk size is absurd',
    made: 'a 1 s WAV whose fmt chunk declares 2,147,483,632 bytes',
    name: etName(113),
    bytes: () => withU32(wav(), 16, 0x7ffffff0),
    expected: { outcome: 'failed', code: 'corrupt', reason: /cut off inside its fmt chunk/ },
  }),
  fileEntry({
    kind: 'WAV with 0 channels',
    made: 'a 1 s WAV whose fmt chunk says 0 channels',
    name: etName(114),
    bytes: () => withU16(wav(), 22, 0),
    expected: { outcome: 'failed', code: 'corrupt', reason: /0 channels/ },
  }),
  fileEntry({
    kind: 'WAV at 0 Hz',
    made: 'a 1 s WAV whose fmt chunk says a sample rate of 0',
    name: etName(115),
    bytes: () => withU32(wav(), 24, 0),
    expected: { outcome: 'failed', code: 'corrupt', reason: /sample rate of 0 Hz/ },
  }),
  fileEntry({
    kind: 'WAV with 65,535 channels and no byte rate',
    made: 'a 1 s WAV whose fmt chunk says 65,535 channels, byte rate 0 and block size 0',
    name: etName(116),
    bytes: () => withU16(withU16(withU32(wav(), 28, 0), 32, 0), 22, 0xffff),
    expected: {
      outcome: 'failed',
      code: 'corrupt',
      reason: /neither a byte rate nor a block size/,
    },
  }),
  fileEntry({
    kind: 'WAV with 300 chunks before its format',
    made: 'a good WAV with 300 empty "junk" chunks between the RIFF header and the fmt chunk',
    name: etName(117),
    bytes: () => withChunksBeforeFmt(Array.from({ length: 300 }, () => chunk('junk', 0))),
    expected: { outcome: 'failed', code: 'corrupt', reason: /has no fmt chunk/ },
  }),
  fileEntry({
    kind: 'WAV with 5 MB of metadata before its format',
    made: 'a good WAV with a 5,000,000-byte LIST chunk before the fmt chunk',
    name: etName(118),
    bytes: () => withChunksBeforeFmt([chunk('LIST', 5_000_000)]),
    expected: { outcome: 'delivered' },
  }),
  fileEntry({
    kind: 'mono WAV',
    made: 'a 1 s mono PCM WAV, for a platform that needs the agent and client on separate channels',
    name: etName(119),
    bytes: () => wavBytes({ channels: 1, seconds: 1.001 }),
    expected: { outcome: 'failed', code: 'mono', reason: /mono file: Ender Turing needs stereo/ },
  }),
  fileEntry({
    kind: 'RF64 cut off inside its ds64 chunk',
    made: 'the first 30 bytes of a small RF64 file',
    name: etName(120),
    bytes: () => rf64Bytes({ channels: 2, sampleRate: 8000, seconds: 0.5 }).subarray(0, 30),
    expected: {
      outcome: 'failed',
      code: 'corrupt',
      reason: /RF64 header is cut off inside its ds64 chunk/,
    },
  }),
  fileEntry({
    kind: 'RF64 without its ds64 chunk',
    made: 'a 1 s WAV relabelled RF64 with its data size left at 0xFFFFFFFF and no ds64 chunk',
    name: etName(121),
    bytes: () => {
      const bytes = withU32(withU32(wav(), 40, 0xffffffff), 4, 0xffffffff);
      bytes.set(ascii('RF64'), 0);
      return bytes;
    },
    expected: { outcome: 'failed', code: 'corrupt', reason: /RF64 file has no ds64 chunk/ },
  }),
  fileEntry({
    kind: 'RF64 whose ds64 declares 4 EiB of audio',
    made: 'a small RF64 file whose ds64 chunk declares 2^62 bytes of data',
    name: etName(122),
    bytes: () => {
      const bytes = rf64Bytes({ channels: 2, sampleRate: 8000, seconds: 0.5 });
      new DataView(bytes.buffer).setBigUint64(20 + 8, 2n ** 62n, true);
      return bytes;
    },
    expected: {
      outcome: 'failed',
      code: 'incomplete',
      reason: /still being written, or was cut off/,
    },
  }),
  fileEntry({
    kind: 'RF64 a platform does not take',
    made: 'a valid 0.5 s stereo RF64 file (Ender Turing takes WAV, MP3 and Ogg/Opus only)',
    name: etName(123),
    bytes: () => rf64Bytes({ channels: 2, sampleRate: 8000, seconds: 0.5 }),
    expected: { outcome: 'failed', code: 'unsupported-format', reason: /does not accept RF64/ },
  }),
];
