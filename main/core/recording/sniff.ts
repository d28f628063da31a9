import type { Container } from './audio-facts.ts';
import { parseMpegFrame } from './mpeg-frame.ts';
import { fourCc, latin1 } from './read-at.ts';

/** How many bytes from the start of a file the sniffers look at. */
export const SNIFF_BYTES = 4096;

/** The audio container the first bytes announce, whatever the file is called; undefined for anything else. */
export function sniffContainer(head: Uint8Array): Container | undefined {
  const magic = fourCc(head, 0);
  // A RIFF header cut off before its form type is still a (damaged) WAV: the WAV reader says so.
  if (magic === 'RIFF' && (head.length < 12 || fourCc(head, 8) === 'WAVE')) return 'wav';
  if ((magic === 'RF64' || magic === 'BW64') && (head.length < 12 || fourCc(head, 8) === 'WAVE')) {
    return 'rf64';
  }
  if (magic === 'OggS') return 'ogg';
  if (fourCc(head, 4) === 'ftyp') return 'mp4';
  if (magic.startsWith('ID3') || startsWithMpegFrames(head)) return 'mp3';
  return undefined;
}

/** What a file that is not audio looks like, in a few words ("text", "a PDF document"). */
export function describeContent(head: Uint8Array): string {
  const start = latin1(head, 0, 8);
  const magic = start.slice(0, 4);
  const known = SIGNATURES.find(([prefix]) => start.startsWith(prefix));
  if (known) return known[1];
  if (magic === 'RIFF' || magic === 'RF64')
    return `a RIFF ${fourCc(head, 8).trim() || 'file'} file, not WAV`;
  if (magic === 'FORM' && ['AIFF', 'AIFC'].includes(fourCc(head, 8))) return 'AIFF audio';
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0) return 'raw AAC audio (ADTS)';
  if (isText(head)) return 'text';
  return 'binary data of an unknown kind';
}

const SIGNATURES: readonly (readonly [string, string])[] = [
  ['fLaC', 'FLAC audio'],
  ['#!AMR', 'AMR audio'],
  ['\x1aE\xdf\xa3', 'a Matroska or WebM file'],
  ['%PDF', 'a PDF document'],
  ['PK\x03\x04', 'a ZIP archive'],
  ['\x89PNG', 'a PNG image'],
  ['\xff\xd8\xff', 'a JPEG image'],
  ['GIF8', 'a GIF image'],
];

/** True when the head is an MPEG audio frame followed by another, as a headerless MP3 starts. */
function startsWithMpegFrames(head: Uint8Array): boolean {
  const first = parseMpegFrame(head, 0);
  if (!first) return false;
  // One valid-looking header is a 1-in-a-few-thousand coincidence in random bytes; two in a row is not.
  if (first.frameLength + 4 > head.length) return head.length < SNIFF_BYTES;
  return parseMpegFrame(head, first.frameLength) !== undefined;
}

/** True when the bytes decode as UTF-8 without control characters other than whitespace. */
function isText(head: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text);
}
