import { type ByteSource, fourCc, readAt } from './read-at.ts';

/** A 32-bit size field that means "see ds64" in RF64, or "not written yet" in plain RIFF. */
export const SIZE_UNSET = 0xffffffff;

/** What a walk over a WAV or RF64 file's chunk headers found. No audio data is read. */
export interface WavChunks {
  readonly form: 'RIFF' | 'RF64';
  /** The RIFF size field as written (for RF64, 0xFFFFFFFF). */
  readonly riffSizeField: number;
  /** RF64's 64-bit sizes, when a ds64 chunk is present. */
  readonly ds64?: { readonly dataSize: number; readonly sampleCount: number };
  /** The `fmt ` chunk's body (its first MAX_BODY bytes). */
  readonly fmt?: Uint8Array;
  /** The `fact` chunk's sample count (32-bit; 0xFFFFFFFF in RF64 defers to ds64). */
  readonly factSamples?: number;
  /** Where the audio starts, the size field as written, and the size it means (ds64-resolved). */
  readonly data?: {
    readonly offset: number;
    readonly sizeField: number;
    readonly declaredSize: number;
  };
  /** Where the file ends when it ends inside the header, e.g. "fmt chunk" or "RIFF header". */
  readonly cutOffIn?: string;
}

/** Bytes of a chunk body worth reading: fmt is at most 40, ds64 28 plus its table. */
const MAX_BODY = 1024;
/** A sane limit on chunks before the data; real files have a handful. */
const MAX_CHUNKS = 256;

/** Walks the chunk headers of a RIFF/WAVE or RF64/WAVE file, seeking past every body it does not need. */
export async function walkWavChunks(file: ByteSource, fileSize: number): Promise<WavChunks> {
  const header = await readAt(file, 0, 12);
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const form = fourCc(header, 0) === 'RIFF' ? 'RIFF' : 'RF64';
  if (header.length < 12) return { form, riffSizeField: 0, cutOffIn: 'RIFF header' };
  let found: WavChunks = { form, riffSizeField: view.getUint32(4, true) };
  const tableSizes = new Map<string, number>();
  let position = 12;
  for (let count = 0; count < MAX_CHUNKS && position + 8 <= fileSize; count++) {
    const chunkHeader = await readAt(file, position, 8);
    if (chunkHeader.length < 8) return { ...found, cutOffIn: 'chunk header' };
    const id = fourCc(chunkHeader, 0);
    const sizeField = new DataView(chunkHeader.buffer, chunkHeader.byteOffset, 8).getUint32(
      4,
      true,
    );
    const bodyOffset = position + 8;
    const size =
      sizeField === SIZE_UNSET && form === 'RF64' ? (tableSizes.get(id) ?? sizeField) : sizeField;
    if (id === 'data') {
      const declaredSize = sizeField === SIZE_UNSET && found.ds64 ? found.ds64.dataSize : sizeField;
      found = { ...found, data: { offset: bodyOffset, sizeField, declaredSize } };
      // fmt normally comes first; if it has not, look past the audio, unless its size is unknown.
      const unknownSize = sizeField === 0 || (sizeField === SIZE_UNSET && !found.ds64);
      if (found.fmt || unknownSize) return found;
      position = bodyOffset + declaredSize + (declaredSize % 2);
      continue;
    }
    if (id === 'fmt ' || id === 'ds64' || id === 'fact') {
      const body = await readAt(file, bodyOffset, Math.min(size, MAX_BODY));
      if (body.length < Math.min(size, MAX_BODY))
        return { ...found, cutOffIn: `${id.trim()} chunk` };
      found = { ...found, ...readHeaderChunk(id, body, tableSizes) };
    }
    // A chunk before the audio that declares more than the file holds: the header is cut off.
    if (bodyOffset + size > fileSize) return { ...found, cutOffIn: chunkName(id) };
    position = bodyOffset + size + (size % 2);
  }
  return position + 8 > fileSize && position < fileSize
    ? { ...found, cutOffIn: 'chunk header' }
    : found;
}

/** "fmt chunk", "LIST chunk"; a chunk id that is not printable is not quoted. */
function chunkName(id: string): string {
  return /^[\x21-\x7e][\x20-\x7e]{3}$/.test(id) ? `${id.trim()} chunk` : 'chunk header';
}

/** The facts one header chunk contributes; ds64 also fills the RF64 table of other chunk sizes. */
function readHeaderChunk(
  id: string,
  body: Uint8Array,
  tableSizes: Map<string, number>,
): Partial<WavChunks> {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (id === 'fmt ') return { fmt: body };
  if (id === 'fact') return body.length >= 4 ? { factSamples: view.getUint32(0, true) } : {};
  if (body.length < 24) return {};
  // ds64: riffSize, dataSize, sampleCount (64-bit each), table length, then (id, 64-bit size) entries.
  const tableLength = body.length >= 28 ? view.getUint32(24, true) : 0;
  for (let i = 0, at = 28; i < tableLength && at + 12 <= body.length; i++, at += 12) {
    tableSizes.set(fourCc(body, at), safeNumber(view.getBigUint64(at + 4, true)));
  }
  return {
    ds64: {
      dataSize: safeNumber(view.getBigUint64(8, true)),
      sampleCount: safeNumber(view.getBigUint64(16, true)),
    },
  };
}

/** A 64-bit size as a number; sizes beyond 2^53 bytes (8 PiB) cannot be real and are clamped. */
function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
