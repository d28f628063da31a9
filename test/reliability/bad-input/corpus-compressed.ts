// MP3, Ogg/Opus and MP4 recordings cut off, damaged, or with absurd sizes in their headers.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { ascii, concat, id3Tag, joined, mp3Bytes, opusBytes } from './container-bytes.ts';
import { etName, fileEntry, type CorpusEntry } from './corpus-entry.ts';
import { box, m4aBytes } from './mp4-bytes.ts';

const NO_FRAME = /starts like MP3 but no MP3 audio frame follows its tags/;
const OGG_DAMAGED = /Ogg file's headers are damaged/;
const OGG_OPEN = /Ogg stream has no final page/;

const mp3: readonly CorpusEntry[] = [
  fileEntry({
    kind: 'MP3 cut off inside its ID3 tag header',
    made: 'the 5 bytes "ID3", 4, 0',
    name: etName(200, 'mp3'),
    bytes: () => Uint8Array.from([...ascii('ID3'), 4, 0]),
    expected: { outcome: 'failed', code: 'corrupt', reason: NO_FRAME },
  }),
  fileEntry({
    kind: 'MP3 whose ID3 tag declares 256 MiB',
    made: 'an ID3v2 tag header declaring 268,435,455 bytes, 100 bytes of it, then 10 frames',
    name: etName(201, 'mp3'),
    bytes: () => concat(id3Tag(0x0fffffff, new Uint8Array(100)), mp3Bytes({ frames: 10 })),
    expected: { outcome: 'failed', code: 'corrupt', reason: NO_FRAME },
  }),
  fileEntry({
    kind: 'MP3 behind 5,000 chained ID3 tags',
    made: '5,000 empty ID3v2 tags one after another, then 10 frames',
    name: etName(202, 'mp3'),
    bytes: () =>
      joined([...Array.from({ length: 5000 }, () => id3Tag(0)), mp3Bytes({ frames: 10 })]),
    expected: { outcome: 'failed', code: 'corrupt', reason: NO_FRAME },
  }),
  fileEntry({
    kind: 'MP3 cut off inside its first frame header',
    made: 'an ID3v2 tag of 20 bytes, then the first 2 bytes of a frame header',
    name: etName(203, 'mp3'),
    bytes: () => concat(id3Tag(20), Uint8Array.from([0xff, 0xfb])),
    expected: { outcome: 'failed', code: 'corrupt', reason: NO_FRAME },
  }),
  fileEntry({
    kind: 'MP3 holding half the frames its Info header declares',
    made: '50 stereo frames behind an Info header that counts 100',
    name: etName(204, 'mp3'),
    bytes: () => mp3Bytes({ frames: 50, declaredFrames: 100 }),
    expected: { outcome: 'failed', code: 'incomplete', reason: /of 42,117 bytes present/ },
  }),
  fileEntry({
    kind: 'MP3 with 3 MB of tags',
    made: 'a 3,000,000-byte ID3v2 tag (as cover art makes it), then 40 good stereo frames',
    name: etName(205, 'mp3'),
    bytes: () => concat(id3Tag(3_000_000), mp3Bytes({ frames: 40 })),
    expected: { outcome: 'delivered' },
  }),
];

const ogg: readonly CorpusEntry[] = [
  fileEntry({
    kind: 'Ogg cut off inside its first page header',
    made: 'the first 20 bytes of an Ogg/Opus file',
    name: etName(210, 'opus'),
    bytes: () => opusBytes({ channels: 2, audioPages: 10 }).subarray(0, 20),
    expected: { outcome: 'failed', code: 'corrupt', reason: OGG_DAMAGED },
  }),
  fileEntry({
    kind: 'Ogg cut off after its first page',
    made: 'the OpusHead page of an Ogg/Opus file and nothing after it',
    name: etName(211, 'opus'),
    bytes: () => opusBytes({ channels: 2, audioPages: 10 }).subarray(0, 47),
    expected: { outcome: 'failed', code: 'incomplete', reason: OGG_OPEN },
  }),
  fileEntry({
    kind: 'Ogg still being written',
    made: 'an Ogg/Opus file of 1 s whose last page lacks the end-of-stream flag',
    name: etName(212, 'opus'),
    bytes: () => opusBytes({ channels: 2, audioPages: 50, open: true }),
    expected: { outcome: 'failed', code: 'incomplete', reason: OGG_OPEN },
  }),
  fileEntry({
    kind: 'Ogg whose first page fails its checksum',
    made: 'an Ogg/Opus file with one byte of its OpusHead changed after the checksum was written',
    name: etName(213, 'opus'),
    bytes: () => {
      const bytes = opusBytes({ channels: 2, audioPages: 10 });
      bytes[45] = 0x7f;
      return bytes;
    },
    expected: { outcome: 'failed', code: 'corrupt', reason: OGG_DAMAGED },
  }),
  fileEntry({
    kind: 'mono Ogg/Opus',
    made: 'a valid 1 s mono Ogg/Opus file',
    name: etName(214, 'opus'),
    bytes: () => opusBytes({ channels: 1, audioPages: 51 }),
    expected: { outcome: 'failed', code: 'mono', reason: /mono file/ },
  }),
];

/** An ftyp box as an M4A starts. */
const ftyp = () => m4aBytes({ channels: 2, sampleRate: 8000, seconds: 1 }).subarray(0, 28);

const mp4: readonly CorpusEntry[] = [
  fileEntry({
    kind: 'M4A without its index',
    made: 'an ftyp box and an mdat box of audio, no moov box',
    name: etName(220, 'm4a'),
    bytes: () => m4aBytes({ channels: 2, sampleRate: 8000, seconds: 1, withoutMoov: true }),
    expected: { outcome: 'failed', code: 'incomplete', reason: /index \(moov box\).*is missing/ },
  }),
  fileEntry({
    kind: 'M4A with a box smaller than its own header',
    made: 'an ftyp box, then a box whose size field says 3',
    name: etName(221, 'm4a'),
    bytes: () => concat(ftyp(), Uint8Array.from([0, 0, 0, 3, ...ascii('free')])),
    expected: { outcome: 'failed', code: 'corrupt', reason: /free box at byte 28 is damaged/ },
  }),
  fileEntry({
    kind: 'M4A whose mdat declares 1 TiB',
    made: 'an ftyp box, then an mdat box with a 64-bit size of 2^40 and 100 bytes of it',
    name: etName(222, 'm4a'),
    bytes: () => {
      const mdat = new Uint8Array(116);
      const view = new DataView(mdat.buffer);
      view.setUint32(0, 1);
      mdat.set(ascii('mdat'), 4);
      view.setBigUint64(8, 2n ** 40n);
      return concat(ftyp(), mdat);
    },
    expected: {
      outcome: 'failed',
      code: 'incomplete',
      reason: /of 1,099,511,627,80\d bytes present/,
    },
  }),
  fileEntry({
    kind: 'M4A whose index holds 5,000 boxes',
    made: 'an ftyp box and a moov box of 5,000 empty "free" boxes',
    name: etName(223, 'm4a'),
    bytes: () => concat(ftyp(), box('moov', ...Array.from({ length: 5000 }, () => box('free')))),
    expected: { outcome: 'failed', code: 'corrupt', reason: /index holds more than 4,096 boxes/ },
  }),
  {
    kind: 'M4A whose index declares 128 MiB (sparse)',
    made: 'an ftyp box and a moov box header declaring 134,217,728 bytes, the file extended to hold them',
    name: etName(224, 'm4a'),
    write: async (folder) => {
      const size = 128 * 2 ** 20;
      const header = concat(ftyp(), box('moov'));
      new DataView(header.buffer).setUint32(28, size);
      const file = await open(join(folder, etName(224, 'm4a')), 'w');
      try {
        await file.write(header);
        await file.truncate(28 + size);
      } finally {
        await file.close();
      }
    },
    expected: { outcome: 'failed', code: 'corrupt', reason: /declares 134,217,728 bytes/ },
  },
  fileEntry({
    kind: 'M4A a platform does not take',
    made: 'a valid 1 s stereo AAC M4A (Ender Turing takes WAV, MP3 and Ogg/Opus only)',
    name: etName(225, 'm4a'),
    bytes: () => m4aBytes({ channels: 2, sampleRate: 8000, seconds: 1.5 }),
    expected: { outcome: 'failed', code: 'unsupported-format', reason: /does not accept MP4\/M4A/ },
  }),
];

export const COMPRESSED_ENTRIES: readonly CorpusEntry[] = [...mp3, ...ogg, ...mp4];
