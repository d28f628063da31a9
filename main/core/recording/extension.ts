import { extname } from 'node:path';
import type { Problem } from '../problem.ts';
import type { Codec, Container } from './audio-facts.ts';
import { containerName } from './describe.ts';

/** The extensions recordings come with, the containers each may hold, and the format it names. */
const EXTENSIONS: Readonly<
  Record<string, { readonly holds: readonly Container[]; readonly names: string }>
> = {
  '.wav': { holds: ['wav', 'rf64'], names: 'WAV' },
  '.mp3': { holds: ['mp3'], names: 'MP3' },
  '.ogg': { holds: ['ogg'], names: 'Ogg' },
  '.opus': { holds: ['ogg'], names: 'Ogg/Opus' },
  '.m4a': { holds: ['mp4'], names: 'M4A' },
  '.mp4': { holds: ['mp4'], names: 'MP4' },
};

/** The extensions recorders write, lower-cased (FreePBX writes ".WAV": compare lower-cased). */
export const RECORDING_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS);

/** The problem with a file whose name promises another format than its content; undefined when they agree. */
export function extensionProblem(
  path: string,
  container: Container,
  codec: Codec,
): Problem | undefined {
  // Lower-cased: FreePBX writes ".WAV".
  const extension = extname(path).toLowerCase();
  const expected = EXTENSIONS[extension];
  if (expected?.holds.includes(container)) return undefined;
  const rightExtension =
    container === 'ogg' && codec === 'opus' ? '.opus or .ogg' : RIGHT_EXTENSION[container];
  const what = `the file is ${containerName(container)} audio: rename it to ${rightExtension}`;
  const message = !extension
    ? `the name has no extension but ${what}`
    : expected
      ? `the name ends in ${extension} but ${what}, or have the recorder write ${expected.names}`
      : `the name ends in ${extension}, which is not an audio extension, but ${what}`;
  return { code: 'extension-mismatch', message };
}

const RIGHT_EXTENSION: Readonly<Record<Container, string>> = {
  wav: '.wav',
  rf64: '.wav',
  mp3: '.mp3',
  ogg: '.ogg',
  mp4: '.m4a',
};
