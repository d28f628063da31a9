import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  callMetadataSchema,
  type CallMetadata,
} from '../../../main/core/metadata/call-metadata.ts';
import { readSidecar, sidecarMetadata } from '../../../main/core/metadata/sidecar.ts';
import { MAX_JSON_DEPTH, parseJsonText } from '../../../main/core/json-text.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { notPlainWords } from './plain-words.ts';

const dir = await tempDirForSuite('bad-input-fuzz-sidecar-');
let recordings = 0;
/** A recording path whose sidecar (rec.wav.json) holds `text`. */
async function withSidecar(text: string | Uint8Array): Promise<string> {
  const folder = join(dir, String((recordings += 1)));
  await mkdir(folder);
  await writeFile(join(folder, 'rec.wav.json'), text);
  return join(folder, 'rec.wav');
}

/** Keys an attacker or a careless exporter would use, mixed with the canonical ones. */
const key = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.constantFrom(
    'agentId',
    'direction',
    'agentChannel',
    'holds',
    'extra',
    'startTime',
    'waitingTimeSec',
  ),
  fc.string({ maxLength: 8 }),
);
/** JSON text of an object with those keys, written by hand so that "__proto__" is a real key. */
const hostileObject: fc.Arbitrary<string> = fc.letrec<{ value: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
    tie('object'),
  ),
  object: fc
    .array(fc.tuple(key, tie('value')), { maxLength: 6 })
    .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
})).object;

/** The prototype of every object, exactly as it was: nothing added, nothing replaced. */
const PROTOTYPE_KEYS = Reflect.ownKeys(Object.prototype);
function expectUnpolluted(): void {
  expect(Reflect.ownKeys(Object.prototype)).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
}
afterEach(expectUnpolluted);

/** Metadata the canonical schema accepts, built on plain objects with no "__proto__" of their own. */
function expectClean(metadata: CallMetadata): void {
  expect(callMetadataSchema.safeParse(metadata).success).toBe(true);
  expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  expect(Object.hasOwn(metadata, '__proto__')).toBe(false);
  if (metadata.extra) {
    expect(Object.getPrototypeOf(metadata.extra)).toBe(Object.prototype);
    expect(Object.hasOwn(metadata.extra, '__proto__')).toBe(false);
  }
}

describe('fuzzing the sidecar reader', () => {
  it('objects with __proto__, constructor and prototype keys pollute nothing and give clean metadata', () => {
    fc.assert(
      fc.property(hostileObject, (text) => {
        const json = parseJsonText(text);
        if (!json.ok) return;
        const { metadata, problems } = sidecarMetadata(json.value, 'rec.wav.json');
        expectClean(metadata);
        for (const problem of problems) expect(notPlainWords(problem.message)).toEqual([]);
        expectUnpolluted();
        const given = json.value as Record<string, unknown> | null;
        const extra = given?.['extra'];
        const hostile =
          (typeof given === 'object' && given !== null && Object.hasOwn(given, '__proto__')) ||
          (typeof extra === 'object' && extra !== null && Object.hasOwn(extra, '__proto__'));
        if (hostile) {
          expect(problems.map((p) => p.message)).toContainEqual(
            expect.stringMatching(/"__proto__", which is not allowed/),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('nesting is read up to 64 levels and refused beyond, with a clear message and no stack overflow', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20_000 }),
        fc.boolean(),
        fc.boolean(),
        async (depth, objects, closed) => {
          const open = objects ? '{"a":'.repeat(depth) : '['.repeat(depth);
          const close = objects ? '}'.repeat(depth) : ']'.repeat(depth);
          const text = `{"agentId": "A1", "deep": ${open}1${closed ? close : ''}}`;
          const reading = await readSidecar(await withSidecar(text));
          const nesting = depth + 1;
          if (nesting > MAX_JSON_DEPTH) {
            expect(reading.problems).toEqual([
              {
                code: 'sidecar',
                message: expect.stringMatching(
                  /is not valid JSON \(line 1, column \d+: arrays and objects nest more than 64 levels deep\)/,
                ),
              },
            ]);
          } else if (closed) {
            expect(reading.metadata).toMatchObject({
              agentId: 'A1',
              extra: { deep: expect.any(String) },
            });
          } else {
            expect(reading.problems[0]?.message).toMatch(
              /is not valid JSON \(line 1, column \d+: /,
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('any bytes at all as a sidecar: details or a plain-words problem, never a throw', async () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 512 }),
      fc.string({ unit: 'binary', maxLength: 256 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (content) => {
        const reading = await readSidecar(await withSidecar(content));
        expectClean(reading.metadata);
        for (const problem of reading.problems) {
          expect(problem.code).toBe('sidecar');
          expect(notPlainWords(problem.message)).toEqual([]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
