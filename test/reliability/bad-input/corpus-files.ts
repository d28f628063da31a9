// Files that are not audio at all, whatever their names say, and things that are not files.
import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { wavBytes } from '../../fixtures/audio.ts';
import { ascii, concat } from './container-bytes.ts';
import { etName, fileEntry, goodWav, type CorpusEntry } from './corpus-entry.ts';

/** Deterministic noise: no run can happen to produce something that looks like audio. */
function noise(length: number, seed: number): Uint8Array {
  let state = seed;
  return Uint8Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state >>> 24;
  });
}

/** `magic` followed by 2 KiB of noise. */
const signed = (magic: string, seed: number) => () => concat(ascii(magic), noise(2048, seed));

const NOT_AUDIO = 'not-audio';

const notAudio: readonly CorpusEntry[] = [
  fileEntry({
    kind: 'empty recording',
    made: 'a file of 0 bytes',
    name: etName(300),
    bytes: () => '',
    expected: { outcome: 'failed', code: 'empty', reason: /^the file is empty \(0 bytes\)/ },
  }),
  fileEntry({
    kind: 'big-endian RIFX instead of RIFF',
    made: 'a 1 s WAV whose magic says RIFX',
    name: etName(301),
    bytes: () => {
      const bytes = wavBytes({ channels: 2, seconds: 1 });
      bytes.set(ascii('RIFX'), 0);
      return bytes;
    },
    expected: {
      outcome: 'failed',
      code: NOT_AUDIO,
      reason: /not audio: it looks like binary data/,
    },
  }),
  fileEntry({
    kind: 'AVI video named .wav',
    made: 'RIFF, a size, "AVI " and noise',
    name: etName(302),
    bytes: signed('RIFF\x00\x10\x00\x00AVI LIST', 1),
    expected: { outcome: 'failed', code: NOT_AUDIO, reason: /a RIFF AVI file, not WAV/ },
  }),
  fileEntry({
    kind: 'PNG image named .wav',
    made: 'the PNG signature and noise',
    name: etName(303),
    bytes: signed('\x89PNG\r\n\x1a\n', 2),
    expected: { outcome: 'failed', code: NOT_AUDIO, reason: /a PNG image/ },
  }),
  fileEntry({
    kind: 'PDF named .mp3',
    made: '"%PDF-1.7" and noise',
    name: etName(304, 'mp3'),
    bytes: signed('%PDF-1.7\n', 3),
    expected: { outcome: 'failed', code: NOT_AUDIO, reason: /a PDF document/ },
  }),
  fileEntry({
    kind: 'FLAC named .wav',
    made: '"fLaC" and noise',
    name: etName(305),
    bytes: signed('fLaC', 4),
    expected: { outcome: 'failed', code: NOT_AUDIO, reason: /FLAC audio/ },
  }),
  fileEntry({
    kind: 'text named .wav',
    made: 'a line of meeting notes',
    name: etName(306),
    bytes: () => 'Minutes of the meeting: call the client back on Monday.\n',
    expected: { outcome: 'failed', code: NOT_AUDIO, reason: /looks like text/ },
  }),
  fileEntry({
    kind: 'random bytes named .opus',
    made: '64 KiB of noise',
    name: etName(307, 'opus'),
    bytes: () => noise(65536, 5),
    expected: { outcome: 'failed', code: NOT_AUDIO, reason: /binary data of an unknown kind/ },
  }),
  fileEntry({
    kind: 'WAV named .mp3',
    made: 'a good stereo WAV under an .mp3 name (Ender Turing checks the name against the content)',
    name: etName(308, 'mp3'),
    bytes: goodWav,
    expected: {
      outcome: 'failed',
      code: 'rejected',
      reason: /Ender Turing refused the recording .*is not wav/,
      warning: /ends in \.mp3 but the file is WAV audio: rename it to \.wav/,
    },
  }),
];

const notFiles: readonly CorpusEntry[] = [
  {
    kind: 'folder named like a recording',
    made: 'a folder called …_IN_0.wav holding a good WAV',
    name: etName(310),
    write: async (folder) => {
      await mkdir(join(folder, etName(310)));
      await writeFile(join(folder, etName(310), 'inside.wav'), goodWav());
    },
    expected: { outcome: 'ignored', rule: 'folders named like recordings are not looked into' },
  },
  {
    kind: 'named pipe named like a recording',
    made: 'mkfifo …_IN_0.wav: opening it for reading would wait for a writer forever',
    name: etName(311),
    write: async (folder) =>
      void (await promisify(execFile)('mkfifo', [join(folder, etName(311))])),
    expected: { outcome: 'ignored', rule: 'only regular files are recordings' },
  },
  {
    kind: 'link to an endless device',
    made: 'a symbolic link …_IN_0.wav to /dev/zero',
    name: etName(312),
    write: (folder) => symlink('/dev/zero', join(folder, etName(312))),
    expected: { outcome: 'ignored', rule: 'only regular files are recordings' },
  },
  {
    kind: 'link to nowhere',
    made: 'a symbolic link …_IN_0.wav to a file that does not exist',
    name: etName(313),
    write: (folder) => symlink(join(folder, 'no-such-file'), join(folder, etName(313))),
    expected: { outcome: 'ignored', rule: 'a link to nothing is not a file' },
  },
];

export const FILE_ENTRIES: readonly CorpusEntry[] = [...notAudio, ...notFiles];
