import { rm } from 'node:fs/promises';
import fc from 'fast-check';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../../main/core/metadata/read-call-metadata.ts';
import { startHttpRig, type HttpRig } from '../../integration/api/api-fixture.ts';
import { rigConfig } from '../../integration/delivery/service-fixture.ts';
import { notPlainWords } from './plain-words.ts';

// The real service behind the real local API (`call-courier run` in this process), fed request
// bodies of every shape: an answer is always given, a refusal is a 4xx with {error}, never a 500.

let rig: HttpRig;

interface Sent {
  readonly status: number;
  readonly text: string;
}

/** Sends a body as it is, with the token and the given Content-Type (none when null). */
async function send(
  method: string,
  path: string,
  body: string | Uint8Array,
  type: string | null,
): Promise<Sent> {
  const answer = await request(`${rig.running.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${rig.running.token}`,
      ...(type === null ? {} : { 'content-type': type }),
    },
    body,
  });
  return { status: answer.statusCode, text: await answer.body.text() };
}

/**
 * What every answer must be: a success; settings refused as 422 {"ok": false, "errors": […]},
 * each error in plain words; or any other 4xx with {"error": "plain words"}.
 */
function expectAnswered({ status, text }: Sent): void {
  expect(status, text).toBeLessThan(500);
  if (status < 400) return;
  const body = JSON.parse(text) as { error?: unknown; errors?: unknown };
  if (status === 422 && Array.isArray(body.errors)) {
    expect(body.errors.length).toBeGreaterThan(0);
    for (const error of body.errors as { message?: unknown }[]) {
      expect(typeof error.message).toBe('string');
      expect(notPlainWords(error.message as string)).toEqual([]);
    }
    return;
  }
  expect(typeof body.error).toBe('string');
  expect(notPlainWords(body.error as string)).toEqual([]);
}

/** Content types a client might send, right, wrong, odd in case or with parameters. */
const contentType = fc.oneof(
  fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'APPLICATION/JSON',
    'application/json;charset=latin1',
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/octet-stream',
    '',
    ';',
    'application/json, text/plain',
  ),
  fc.stringMatching(/^[\x20-\x7e]{0,30}$/),
  fc.constant(null),
);

/** Bodies of every kind: JSON values, JSON text cut short or nested deep, text, bytes. */
const anyBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom('', 'null', '{}', '[]', '"x"', '{"__proto__": {"polluted": 1}}', '\uFEFF{}'),
);

/** A JSON value in a place where the route expects something else. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function assertRoute(
  method: string,
  path: string,
  body: fc.Arbitrary<string | Uint8Array>,
  runs: number,
): Promise<void> {
  return fc.assert(
    fc.asyncProperty(body, contentType, async (content, type) => {
      expectAnswered(await send(method, path, content, type));
    }),
    { numRuns: runs },
  );
}

describe('fuzzing the local API with request bodies of every shape', () => {
  beforeAll(async () => {
    rig = await startHttpRig('fuzz-bodies');
  }, 20_000);
  afterAll(async () => {
    await rig?.stop();
    // The rig's folder was made inside a hook, where it is not removed on its own.
    if (rig) await rm(rig.root, { recursive: true, force: true });
  });

  it('PUT /api/v1/settings: settings, near-settings and garbage all get an answer, never a 500', async () => {
    const base = rigConfig(rig.folder, rig.emulator.url);
    const places = [
      'upload.concurrency',
      'upload.stableForSeconds',
      'upload.bandwidth',
      'profiles.0.id',
      'profiles.0.connector',
      'profiles.0.options',
      'profiles.0.options.baseUrl',
      'profiles.0.when',
      'watch.0.destinations',
      'watch.0.template',
      'watch.0.preset',
      'watch.0.timeZone',
      'backfill',
      '__proto__',
      'constructor',
    ];
    const nearSettings = fc.tuple(fc.constantFrom(...places), anyValue).map(([place, value]) => {
      const settings = structuredClone(base) as unknown as Record<string, unknown>;
      const keys = place.split('.');
      const last = keys.pop() ?? '';
      let target: Record<string, unknown> = settings;
      for (const key of keys) target = target[key] as Record<string, unknown>;
      Object.defineProperty(target, last, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return JSON.stringify(settings);
    });
    await assertRoute('PUT', '/api/v1/settings', fc.oneof(nearSettings, anyBody), 150);
  });

  it('PUT /api/v1/secrets/{profile}/{field}: any body, any profile and field, never a 500', async () => {
    const secretBody = fc.oneof(
      anyValue.map((value) => JSON.stringify({ value })),
      anyBody,
    );
    const segment = fc.oneof(
      fc.constantFrom('et', 'password', 'nobody', '..', '%2e%2e', '__proto__'),
      fc.string({ maxLength: 12 }),
    );
    await fc.assert(
      fc.asyncProperty(
        segment,
        segment,
        secretBody,
        contentType,
        async (profile, field, body, type) => {
          const path = `/api/v1/secrets/${encodeURIComponent(profile) || 'x'}/${encodeURIComponent(field) || 'y'}`;
          expectAnswered(await send('PUT', path, body, type));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('POST /api/v1/name-preview: any sample name and naming, never a 500', async () => {
    const naming = fc.record(
      {
        preset: fc.oneof(
          fc.constantFrom(...PRESET_IDS, '', '__proto__', 'constructor', 'toString'),
          anyValue,
        ),
        template: fc.oneof(
          fc.constantFrom(
            '{agentId}_{date:YYYYMMDD}',
            '{extra:__proto__}',
            '{',
            '{agentId}{date:YYYY}{clientId}{date:MM}{callId}{date:DD}',
          ),
          anyValue,
        ),
        timeZone: fc.oneof(fc.constantFrom('UTC', 'europe/KYIV', 'Mars/Olympus', ''), anyValue),
      },
      { requiredKeys: [] },
    );
    const preview = fc
      .record(
        {
          fileName: fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), anyValue),
          naming: fc.oneof(naming, anyValue),
        },
        { requiredKeys: [] },
      )
      .map((body) => JSON.stringify(body));
    await assertRoute('POST', '/api/v1/name-preview', fc.oneof(preview, anyBody), 200);
  });

  it('POST /api/v1/recordings: any path or body, never a 500', async () => {
    const path = fc.oneof(
      fc.constantFrom(
        '/',
        '/etc/passwd',
        '../../etc/passwd',
        '/dev/zero',
        'C:\\x.wav',
        '\0',
        '/tmp/\0.wav',
      ),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 30 }).map((name) => `${rig.folder}/${name}.wav`),
      fc
        .constantFrom('a\0b.wav', '.hidden.wav', 'x.wav.part', 'sub/../../escape.wav', '')
        .map((name) => `${rig.folder}/${name}`),
      anyValue,
    );
    const body = fc.oneof(
      path.map((p) => JSON.stringify({ path: p })),
      anyBody,
    );
    await assertRoute('POST', '/api/v1/recordings', body, 150);
  });

  it('after all of it the service still answers, and nothing reached the prototype of every object', async () => {
    const status = await send('GET', '/api/v1/status', '', null);
    expect(status.status).toBe(200);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});
