import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callMetadataSchema } from '../../../main/core/metadata/call-metadata.ts';
import { PRESET_IDS, readName } from '../../../main/core/metadata/read-call-metadata.ts';
import { PRESETS } from '../../../main/core/metadata/presets/registry.ts';
import { formatTemplate } from '../../../main/core/metadata/template-format.ts';
import { readTemplate, type TemplatePart } from '../../../main/core/metadata/template-syntax.ts';
import { firstMismatch, matchParts } from '../../../main/core/metadata/template-match.ts';
import { compileTemplate, templateError } from '../../../main/core/metadata/template.ts';
import { notPlainWords } from './plain-words.ts';

const ZONES = [
  'UTC',
  'Europe/Kyiv',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Etc/GMT+12',
];

/** Any text at all, astral characters and lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 120 });
const number = (min: number, max: number, width: number) =>
  fc.integer({ min, max }).map((n) => String(n).padStart(width, '0'));
/** Dates and times that are often real and sometimes not (month 13, day 0, hour 24, year 0). */
const date = fc
  .tuple(number(0, 2200, 4), number(0, 13, 2), number(0, 32, 2))
  .map((p) => p.join(''));
const time = fc.tuple(number(0, 25, 2), number(0, 61, 2), fc.option(number(0, 61, 2), { nil: '' }));
/** A value in a name: plain, or with separators, brackets and characters from every plane. */
const value = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{1,10}$/),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constant(''),
);
const extension = fc.constantFrom('.wav', '.WAV', '.mp3', '.opus', '', '.json', '.');
/** Names close to what Ender Turing, FreePBX and 3CX write, so the parsers get deep into them. */
const enderTuringName = fc
  .tuple(
    date,
    time,
    fc.array(value, { minLength: 2, maxLength: 3 }),
    fc.constantFrom('IN', 'OUT', 'INTERNAL', 'inbound', 'SIDEWAYS', ''),
    fc.array(
      fc.oneof(
        fc.constantFrom(
          '0',
          '1',
          '2',
          'hold-30-45',
          'hold-9-3',
          'callId-7',
          'queue-Sales',
          'termInitiator-agent',
          'agentChan-3',
          'x-y',
          'fileId-',
        ),
        value,
      ),
      { maxLength: 4 },
    ),
    extension,
  )
  .map(
    ([d, [h, m, sec], people, direction, tail, ext]) =>
      [d, `${h}${m}${sec}`, ...people, direction, ...tail].join('_') + ext,
  );
const campaignName = fc
  .tuple(
    date,
    time,
    fc.array(value, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('auto', 'manual', 'x'),
    extension,
  )
  .map(
    ([d, [h, m, sec], parts, type, ext]) => [`${d}${h}${m}${sec}`, ...parts, type].join('_') + ext,
  );
const freePbxName = fc
  .tuple(
    fc.constantFrom('in', 'out', 'q', 'rg', 'exten', 'OUT', 'bogus'),
    value,
    value,
    date,
    time,
    fc.constantFrom('1743042317.12206', '7', 'x.y', ''),
    extension,
  )
  .map(
    ([type, to, from, d, [h, m, sec], id, ext]) =>
      [type, to, from, d, `${h}${m}${sec || '00'}`, id].join('-') + ext,
  );
const threeCxName = fc
  .tuple(value, value, value, date, time, fc.option(fc.nat(99), { nil: undefined }), extension)
  .map(
    ([name, from, to, d, [h, m, sec], n, ext]) =>
      `[${name}]_${from}-${to}_${d}${h}${m}${sec || '00'}${n === undefined ? '' : `(${n})`}${ext}`,
  );
const names = fc.oneof(enderTuringName, campaignName, freePbxName, threeCxName, anyText);

/** Every field a template may name, once each in a generated template. */
const FIELDS = [
  '{agentId}',
  '{clientId}',
  '{callId}',
  '{queue}',
  '{direction}',
  '{agentChannel}',
  '{agentName}',
  '{waitingTimeSec}',
  '{callType}',
  '{hangupBy}',
  '{did}',
  '{*}',
  '{extra:ring}',
  '{extra:constructor}',
];
const DATES = [
  '{date:YYYYMMDD}',
  '{datetime:YYYYMMDDHHmmss}',
  '{date:DD.MM.YY}_{time:HH-mm}',
  '{date:YYYY[T]MMDD}{time:HHmm}',
];
const SEPARATORS = [
  '_',
  '-',
  '.',
  ' ',
  '(',
  ')',
  '[',
  '+',
  '*',
  '?',
  '$',
  '^',
  '|',
  '\\',
  'x',
  '__',
  '.*',
  '--',
];
/** Templates that are mostly valid: fields between separators, a date somewhere or none. */
const validishTemplate = fc
  .tuple(
    fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 5 }),
    fc.array(fc.constantFrom(...SEPARATORS), { minLength: 6, maxLength: 6 }),
    fc.option(fc.constantFrom(...DATES), { nil: undefined }),
    fc.nat(5),
  )
  .map(([fields, separators, dateBlock, at]) => {
    const parts = fields.flatMap((field, i) => (i === 0 ? [field] : [separators[i] ?? '_', field]));
    if (dateBlock) parts.splice(Math.min(at, parts.length), 0, dateBlock, separators[0] ?? '_');
    return parts.join('');
  });
/** Templates of any parts at all, mostly refused. */
const anyTemplate = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...FIELDS,
        ...DATES,
        '{extra:__proto__}',
        '{date:YYYY}',
        '{time:ss}',
        '{',
        '}',
        '{}',
        '{bogus}',
        '{date}',
        '{date:QQ}',
        '{agentid}',
      ),
      fc.constantFrom(...SEPARATORS),
      fc.string({ maxLength: 3 }),
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => parts.join(''));
const templates = fc.oneof(validishTemplate, anyTemplate);

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .]{0,8}$/);
/** Call details to write into a template, so that names that follow it are fuzzed too. */
const details = fc.record({
  agentId: word,
  clientId: word,
  callId: word,
  queue: word,
  did: word,
  direction: fc.constantFrom('IN', 'OUT', 'INTERNAL', 'UNKNOWN'),
  agentChannel: fc.constantFrom(0, 1),
  agentFirstName: word,
  agentLastName: word,
  waitingTimeSec: fc.nat(999),
  callType: fc.constantFrom('manual', 'automatic'),
  hangupBy: fc.constantFrom('agent', 'client', 'unknown'),
  extra: fc.record({ ring: word }),
  startTime: fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
} as const);
/** A template with a name written from it, whole or cut short. */
const templateWithName = fc
  .tuple(
    validishTemplate,
    details,
    fc.constantFrom(...ZONES),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([template, metadata, timeZone, cut]) => {
    const written = formatTemplate(template, metadata, { timeZone });
    const name = written.ok ? written.name : template;
    return {
      template,
      timeZone,
      name: `${cut === undefined ? name : name.slice(0, cut % (name.length + 1))}.wav`,
    };
  });

describe('fuzzing the file name parsers', () => {
  it('every preset, and trying them all, reads any name or says in plain words why not', () => {
    fc.assert(
      fc.property(
        names,
        fc.constantFrom(undefined, ...PRESET_IDS),
        fc.constantFrom(...ZONES),
        (name, preset, timeZone) => {
          const reading = readName(name, { ...(preset ? { preset } : {}), timeZone });
          if (reading.ok) {
            expect(callMetadataSchema.safeParse(reading.metadata).success).toBe(true);
          } else {
            const failure = reading.failure;
            const reasons = failure.kind === 'no-preset' ? failure.reasons : [failure.reason];
            for (const reason of reasons) expect(notPlainWords(reason)).toEqual([]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('each preset parser on its own never throws, whatever the time zone says', () => {
    fc.assert(
      fc.property(
        names,
        fc.constantFrom(...PRESET_IDS),
        fc.oneof(fc.constantFrom(...ZONES), anyText),
        (name, id, timeZone) => {
          const result = PRESETS[id].parse(name, { timeZone });
          expect(typeof result.ok).toBe('boolean');
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('fuzzing the template engine', () => {
  it('any template is compiled or refused in plain words; a compiled one reads any name without throwing', () => {
    const cases = fc.oneof(
      fc.record({ template: templates, name: names, timeZone: fc.constantFrom(...ZONES) }),
      templateWithName,
    );
    fc.assert(
      fc.property(cases, ({ template, name, timeZone }) => {
        const compiled = compileTemplate(template);
        if (!compiled.ok) {
          expect(notPlainWords(compiled.reason)).toEqual([]);
          expect(templateError(template)).toBe(compiled.reason);
          return;
        }
        const result = compiled.compiled.parse(name, { timeZone });
        if (result.ok) expect(callMetadataSchema.safeParse(result.metadata).success).toBe(true);
        else expect(notPlainWords(result.reason)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('matches names exactly as the regular expression it replaced, on names short enough for that', () => {
    fc.assert(
      fc.property(
        templates,
        fc.string({ unit: fc.constantFrom(...'01_-.xA9'), maxLength: 14 }),
        (template, stem) => {
          const read = readTemplate(template);
          fc.pre(read.ok);
          if (!read.ok) return;
          const { parts } = read;
          const reference = referencePatterns(parts);
          const whole = new RegExp(`^${reference.join('')}$`, 's').exec(stem);
          const ends = matchParts(parts, stem, parts.length, true);
          expect(ends === undefined).toBe(whole === null);
          if (whole && ends) expect(captures(parts, stem, ends)).toEqual(whole.slice(1));
          // Where a name stops following the template is found the same way too.
          const prefix = (count: number) =>
            new RegExp(`^${reference.slice(0, count).join('')}`, 's');
          const failing = parts.findIndex((_, index) => !prefix(index + 1).test(stem));
          const stop = firstMismatch(parts, stem);
          if (failing < 0) expect(stop).toBeUndefined();
          else
            expect(stop).toEqual({
              index: failing,
              matched: prefix(failing).exec(stem)?.[0] ?? '',
            });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a template that could make a regular expression backtrack for ever reads a 255-character name at once', () => {
    const template =
      '{agentId}{date:YYYY}{clientId}{date:MM}{callId}{date:DD}{queue}{time:HH}{did}{time:mm}';
    const compiled = compileTemplate(template);
    if (!compiled.ok) throw new Error(compiled.reason);
    // Backtracking would try about 255^6 splits of this name before giving up.
    const result = compiled.compiled.parse(`${'1'.repeat(250)}x.wav`);
    expect(result).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/the name goes on after/),
    });
  });

  it('a template refuses __proto__ as an extra key, and writing never takes a key an object inherits', () => {
    expect(templateError('{agentId}_{extra:__proto__}')).toMatch(
      /__proto__ is not allowed as a key/,
    );
    expect(formatTemplate('{agentId}_{extra:constructor}', { agentId: 'A1' })).toEqual({
      ok: false,
      reason: 'the metadata has no value for {extra:constructor}',
    });
    expect(
      formatTemplate('{agentId}_{extra:toString}', { agentId: 'A1', extra: {} }),
    ).toMatchObject({ ok: false });
  });

  it('writing metadata into a template and reading the name back gives the same details', () => {
    const value = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        value,
        value,
        value,
        fc.constantFrom('_', '-', ' ', '__', '.'),
        (agentId, clientId, callId, separator) => {
          const template = `{agentId}${separator}{clientId}${separator}{extra:ticket}${separator}{callId}`;
          const metadata = { agentId, clientId, callId, extra: { ticket: clientId } };
          const written = formatTemplate(template, metadata);
          fc.pre(written.ok);
          const compiled = compileTemplate(template);
          if (!compiled.ok || !written.ok) throw new Error('the template was refused');
          const read = compiled.compiled.parse(`${written.name}.wav`);
          expect(read).toEqual({ ok: true, metadata });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The texts of the variable and date parts, from the end offsets the engine found. */
function captures(parts: readonly TemplatePart[], stem: string, ends: readonly number[]): string[] {
  return parts.flatMap((part, index) =>
    part.kind === 'literal'
      ? []
      : [stem.slice(index === 0 ? 0 : (ends[index - 1] ?? 0), ends[index])],
  );
}

/**
 * The regular expression the engine used before, part by part. It backtracks, so it is only
 * safe on short names: kept here to show the engine reads names exactly as it did.
 */
function referencePatterns(parts: readonly TemplatePart[]): string[] {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const widths = { YYYY: 4, YY: 2, MM: 2, DD: 2, HH: 2, mm: 2, ss: 2 } as const;
  return parts.map((part, index) => {
    const next = parts[index + 1];
    if (part.kind === 'literal') return escape(part.text);
    if (part.kind === 'date') return `(\\d{${widths[part.piece]}})`;
    const repeat = part.kind === 'ignore' ? '*' : '+';
    return next?.kind === 'literal' ? `((?:(?!${escape(next.text)}).)${repeat})` : `(.${repeat})`;
  });
}
