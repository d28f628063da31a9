import type { AcceptedFormat } from '../connectors/declaration.ts';
import type { Codec, Container } from './audio-facts.ts';

const CONTAINER_NAMES: Record<Container, string> = {
  wav: 'WAV',
  rf64: 'RF64 (WAV over 4 GiB)',
  mp3: 'MP3',
  ogg: 'Ogg',
  mp4: 'MP4/M4A',
};

const CODEC_NAMES: Partial<Record<Codec, string>> = {
  pcm: 'PCM',
  float: 'floating-point PCM',
  mulaw: 'μ-law',
  alaw: 'A-law',
  gsm610: 'GSM 6.10',
  'ima-adpcm': 'IMA ADPCM',
  'ms-adpcm': 'Microsoft ADPCM',
  g722: 'G.722',
  g729: 'G.729',
  mp3: 'MP3',
  opus: 'Opus',
  vorbis: 'Vorbis',
  aac: 'AAC',
};

/** A container's name as people know it. */
export function containerName(container: Container): string {
  return CONTAINER_NAMES[container];
}

/** A codec's name as people know it. */
export function codecName(codec: Codec): string {
  return CODEC_NAMES[codec] ?? codec;
}

/** "WAV with μ-law audio", "Ogg/Opus", "MP3". */
export function formatName(container: Container, codec: Codec): string {
  if (container === 'mp3') return 'MP3';
  if (container === 'ogg') return `Ogg/${codecName(codec)}`;
  return `${containerName(container)} with ${codecName(codec)} audio`;
}

/** "WAV (PCM or μ-law), MP3 and Ogg/Opus". */
export function acceptedFormatsText(formats: readonly AcceptedFormat[]): string {
  const parts = formats.map((f) => {
    if (!f.codecs) return containerName(f.container);
    if (f.container === 'ogg') return f.codecs.map((c) => `Ogg/${codecName(c)}`).join(', ');
    return `${containerName(f.container)} (${f.codecs.map(codecName).join(' or ')})`;
  });
  return parts.length > 1
    ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
    : (parts[0] ?? 'nothing');
}
