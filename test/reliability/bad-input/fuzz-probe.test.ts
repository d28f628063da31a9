import { existsSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRecording } from '../../../main/core/check/check-recording.ts';
import { everyConnectorAsDestination } from '../../../main/core/check/destinations-for-file.ts';
import { probeRecording, type ProbeResult } from '../../../main/core/recording/probe.ts';
import { wavBytes } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { concat, id3Tag, mp3Bytes, opusBytes, rf64Bytes } from './container-bytes.ts';
import { m4aBytes } from './mp4-bytes.ts';
import { notPlainWords } from './plain-words.ts';

const dir = await tempDirForSuite('bad-input-fuzz-probe-');
let files = 0;
async function written(bytes: Uint8Array, extension: string): Promise<string> {
  const path = join(dir, `fuzz-${(files += 1)}${extension}`);
  await writeFile(path, bytes);
  return path;
}

/** Valid recordings of each container the probe knows, made in code. */
const VALID: readonly (readonly [string, () => Uint8Array])[] = [
  ['.wav', () => wavBytes({ channels: 2, seconds: 0.2 })],
  ['.wav', () => wavBytes({ codec: 'gsm610', seconds: 0.2, extensible: true })],
  ['.wav', () => rf64Bytes({ channels: 2, sampleRate: 8000, seconds: 0.2 })],
  ['.mp3', () => concat(id3Tag(30), mp3Bytes({ frames: 8 }))],
  ['.mp3', () => mp3Bytes({ frames: 3, info: false })],
  ['.opus', () => opusBytes({ channels: 2, audioPages: 8 })],
  ['.m4a', () => m4aBytes({ channels: 2, sampleRate: 8000, seconds: 0.5 })],
];

/** One change to a recording: bytes overwritten, a cut, or bytes inserted, near its header. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('overwrite' as const),
    at: fc.nat(600),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(2000) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(600),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('size' as const),
    at: fc.nat(600),
    value: fc.constantFrom(0, 1, 7, 8, 0x7fffffff, 0xfffffffe, 0xffffffff),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutated(bytes: Uint8Array, changes: readonly Mutation[]): Uint8Array {
  let out: Uint8Array = Uint8Array.from(bytes);
  for (const change of changes) {
    const at = Math.min(change.at, out.length);
    if (change.kind === 'cut') out = out.subarray(0, at);
    else if (change.kind === 'insert')
      out = concat(out.subarray(0, at), change.bytes, out.subarray(at));
    else if (change.kind === 'overwrite') out.set(change.bytes.subarray(0, out.length - at), at);
    else if (at + 4 <= out.length)
      new DataView(out.buffer, out.byteOffset).setUint32(at, change.value, at % 2 === 0);
  }
  return out;
}

/** What every probe answer must be: audio facts that make sense, or problems in plain words. */
function expectSound(result: ProbeResult): void {
  expect(result.audio !== undefined || result.problems.length > 0).toBe(true);
  for (const problem of result.problems) expect(notPlainWords(problem.message)).toEqual([]);
  const { audio } = result;
  if (!audio) return;
  expect(Number.isInteger(audio.channels) && audio.channels > 0).toBe(true);
  expect(audio.sampleRate).toBeGreaterThan(0);
  expect(Number.isFinite(audio.durationSec) && audio.durationSec >= 0).toBe(true);
}

const extensions = fc.constantFrom('.wav', '.mp3', '.opus', '.ogg', '.m4a', '.WAV', '', '.bin');

describe('fuzzing the audio probe', () => {
  it('random bytes under any recording name: the probe answers, and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), extensions, async (bytes, extension) => {
        expectSound(await probeRecording(await written(bytes, extension)));
      }),
      { numRuns: 200 },
    );
  });

  it('valid recordings with their headers changed: the probe and the check answer in plain words', async () => {
    const destinations = everyConnectorAsDestination();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...VALID),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async ([extension, make], changes) => {
          const path = await written(mutated(make(), changes), extension);
          expectSound(await probeRecording(path));
          const checked = await checkRecording(path, {}, destinations);
          for (const problem of checked.problems)
            expect(notPlainWords(problem.message)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.skipIf(!existsSync('/proc/self/io'))(
    'a 1 GiB file behind any valid or damaged header is judged from a few MiB at most',
    async () => {
      // rchar counts every byte this process reads: the probe must not read the file through.
      const bytesRead = async () =>
        Number(/rchar: (\d+)/.exec(await readFile('/proc/self/io', 'utf8'))?.[1]);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...VALID),
          fc.array(mutation, { maxLength: 3 }),
          async ([extension, make], changes) => {
            const path = join(dir, `huge-${(files += 1)}${extension}`);
            const file = await open(path, 'w');
            await file.write(
              mutated(
                make(),
                changes.filter((c) => c.kind !== 'cut'),
              ),
            );
            await file.truncate(2 ** 30);
            await file.close();
            const before = await bytesRead();
            expectSound(await probeRecording(path));
            // An MP4 index may be read whole (up to 64 MiB); everything else takes far less.
            expect((await bytesRead()) - before).toBeLessThan(
              (extension === '.m4a' ? 70 : 4) * 2 ** 20,
            );
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});
