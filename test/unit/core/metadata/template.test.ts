import { describe, expect, it } from 'vitest';
import type { CallMetadata } from '../../../../main/core/metadata/call-metadata.ts';
import { compileTemplate, templateError } from '../../../../main/core/metadata/template.ts';

const SEED_TEMPLATE = '{date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}_{direction}_{agentChannel}';

function parseWith(template: string, name: string, timeZone?: string) {
  const compiled = compileTemplate(template);
  if (!compiled.ok) throw new Error(`template refused: ${compiled.reason}`);
  return compiled.compiled.parse(name, timeZone ? { timeZone } : {});
}

function metadataOf(template: string, name: string, timeZone?: string): CallMetadata {
  const result = parseWith(template, name, timeZone);
  if (!result.ok) throw new Error(`expected ${name} to parse, but: ${result.reason}`);
  return result.metadata;
}

function reasonFor(template: string, name: string): string {
  const result = parseWith(template, name);
  if (result.ok) throw new Error(`expected ${name} not to parse, got ${JSON.stringify(result)}`);
  return result.reason;
}

describe('reading names with a folder template', () => {
  it('the Ender Turing layout as a template reads the worked example exactly', () => {
    expect(metadataOf(SEED_TEMPLATE, '20240401_1520_Agent99_12345678_IN_0.wav')).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      agentId: 'Agent99',
      clientId: '12345678',
      direction: 'IN',
      agentChannel: 0,
    });
  });

  it('reads the time in the folder time zone', () => {
    const name = '20240401_1520_Agent99_12345678_IN_0.wav';
    expect(metadataOf(SEED_TEMPLATE, name, 'Europe/Kyiv').startTime).toBe(
      '2024-04-01T15:20:00+03:00',
    );
  });

  it('date formats may have separators, two-digit years and seconds', () => {
    const template = '{date:DD.MM.YY} {time:HH-mm-ss} {agentId}';
    expect(metadataOf(template, '01.04.24 15-20-45 Ann.mp3')).toStrictEqual({
      startTime: '2024-04-01T15:20:45Z',
      agentId: 'Ann',
    });
  });

  it('a combined datetime reads fourteen digits', () => {
    expect(
      metadataOf('{datetime:YYYYMMDDHHmmss}-{callId}', '20241214102750-abc.wav'),
    ).toStrictEqual({
      startTime: '2024-12-14T10:27:50Z',
      callId: 'abc',
    });
  });

  it('every canonical string field can be named', () => {
    const template =
      '{agentId}_{agentFirstName}_{agentLastName}_{clientId}_{callId}_{queue}_{did}_{campaign}_{skillGroup}';
    expect(metadataOf(template, 'a_b_c_d_e_f_g_h_i.wav')).toStrictEqual({
      agentId: 'a',
      agentFirstName: 'b',
      agentLastName: 'c',
      clientId: 'd',
      callId: 'e',
      queue: 'f',
      did: 'g',
      campaign: 'h',
      skillGroup: 'i',
    });
  });

  it('typed fields read their synonyms and numbers', () => {
    const template = '{direction}_{callType}_{hangupBy}_{waitingTimeSec}_{agentName}';
    expect(metadataOf(template, 'Outgoing_auto_customer_42_Ann-Lee.wav')).toStrictEqual({
      direction: 'OUT',
      callType: 'automatic',
      hangupBy: 'client',
      waitingTimeSec: 42,
      agentFirstName: 'Ann',
      agentLastName: 'Lee',
    });
  });

  it('{extra:key} goes into extra and {*} is ignored', () => {
    expect(metadataOf('{*}_{agentId}_{extra:site}', 'rec_A1_north.wav')).toStrictEqual({
      agentId: 'A1',
      extra: { site: 'north' },
    });
  });

  it('a field may hold the separators of other parts, but not the one after it', () => {
    expect(metadataOf('{agentId} - {clientId}', 'Ann Lee - +44 20 7946.wav')).toStrictEqual({
      agentId: 'Ann Lee',
      clientId: '+44 20 7946',
    });
  });

  it('a name without an extension is read whole', () => {
    expect(metadataOf('{agentId}_{clientId}', 'A1_555')).toStrictEqual({
      agentId: 'A1',
      clientId: '555',
    });
  });
});

describe('names that do not follow the template say where they stop', () => {
  it.each([
    [
      '20240401_1520_Agent99_12345678.wav',
      "the name should have '_' after '20240401_1520_Agent99_12345678'",
    ],
    [
      '2024-04-01_1520_A_B_IN_0.wav',
      "the name should have 2 digits for MM of {date:YYYYMMDD} after '2024'",
    ],
    [
      '20240401_1520_A_B_IN_0_extra.wav',
      "in {agentChannel}, '0_extra' is not an agent channel: use 0 or 1",
    ],
    [
      '20240401_1520_A_B_SIDEWAYS_0.wav',
      "in {direction}, 'SIDEWAYS' is not a direction: use IN, OUT, INTERNAL or UNKNOWN",
    ],
    ['20241301_1520_A_B_IN_0.wav', 'the date in the name is not a real date: there is no month 13'],
    ['20240401_2500_A_B_IN_0.wav', 'the time in the name is not a real time: there is no hour 25'],
  ])('%s', (name, reason) => {
    expect(reasonFor(SEED_TEMPLATE, name)).toBe(reason);
  });

  it('a name longer than a template ending in a literal is refused', () => {
    expect(reasonFor('{agentId}_rec', 'A1_rec_2.wav')).toBe(
      "the name goes on after 'A1_rec', where the template ends",
    );
  });
});

describe('templates that cannot work are refused with a clear message', () => {
  it.each([
    [
      '{agentId}_{foo}',
      '{foo} is not a field: use {agentId}, {agentFirstName}, {agentLastName}, {clientId}, {callId}, {queue}, {did}, {campaign}, {skillGroup}, {direction}, {agentChannel}, {waitingTimeSec}, {callType}, {hangupBy}, {agentName}, {date:…}, {time:…}, {datetime:…}, {extra:key} or {*}',
    ],
    ['{agentid}_{clientId}', '{agentid} is not a field: did you mean {agentId}?'],
    [
      '{date:YYYYQQ}_{time:HHmm}_{agentId}',
      "{date:YYYYQQ} has 'QQ', which is not a date or time token: use YYYY, YY, MM, DD, HH, mm and ss, and put other letters in [ ], such as [T]",
    ],
    [
      '{date:yyyyMMdd}_{time:HHmm}_{agentId}',
      "{date:yyyyMMdd} has 'yyyyMMdd', which is not a date or time token: use YYYY, YY, MM, DD, HH, mm and ss, and put other letters in [ ], such as [T]",
    ],
    [
      '{date:YYYYMMDD}_{time:HHMM}_{agentId}',
      '{time:HHMM} has MM, which is the month: a time takes HH, mm, ss',
    ],
    [
      '{agentId}{clientId}',
      '{agentId} and {clientId} have nothing between them, so the name cannot be split: put a separator such as _ between them',
    ],
    ['{agentId}_{agentId}', 'the template gives the agentId twice ({agentId})'],
    [
      '{agentName}_{agentFirstName}',
      'the template gives the agentFirstName twice: in {agentName} and {agentFirstName}',
    ],
    [
      '{date:YYYYMMDD}_{agentId}',
      'the template has a date or time but no hour or minute: a start time needs the year, month, day, hour and minute',
    ],
    [
      '{date}_{agentId}',
      '{date} needs a format, such as {date:YYYYMMDD}, {time:HHmm} or {datetime:YYYYMMDDHHmmss}',
    ],
    ['{extra}_{agentId}', '{extra} needs a key, such as {extra:ringGroup}'],
    [
      '{agentId:upper}',
      "{agentId:upper} takes no ':' format: only date, time, datetime and extra do",
    ],
    ['{agentId_{clientId}', "the template has a '{' at character 1 that is not closed with '}'"],
    ['agent}_{clientId}', "the template has a '}' at character 6 with no '{' before it"],
    [
      '{constructor}_{agentId}',
      '{constructor} is not a field: use {agentId}, {agentFirstName}, {agentLastName}, {clientId}, {callId}, {queue}, {did}, {campaign}, {skillGroup}, {direction}, {agentChannel}, {waitingTimeSec}, {callType}, {hangupBy}, {agentName}, {date:…}, {time:…}, {datetime:…}, {extra:key} or {*}',
    ],
    [
      '{time:HHmm}_{agentId}',
      'the template has a date or time but no year, month or day: a start time needs the year, month, day, hour and minute',
    ],
    ['{datetime:YYYY[T}_{agentId}', "{datetime:YYYY[T} has a '[' that is not closed with ']'"],
    ['{}_{agentId}', 'the template has an empty {}: put a field inside, such as {agentId}'],
    ['recording_{*}', 'the template has no fields: put at least one in braces, such as {agentId}'],
  ])('%s', (template, error) => {
    expect(templateError(template)).toBe(error);
    expect(compileTemplate(template)).toEqual({ ok: false, reason: error });
  });

  it('a good template has no error', () => {
    expect(templateError(SEED_TEMPLATE)).toBeNull();
    expect(templateError('{datetime:YYYYMMDDHHmmss}_{extra:site}_{*}_{agentName}')).toBeNull();
  });

  it('fixed-width date parts may touch each other and a field', () => {
    expect(templateError('{date:YYYYMMDD}{time:HHmmss}{agentId}')).toBeNull();
    expect(
      metadataOf('{date:YYYYMMDD}{time:HHmmss}{agentId}', '20240401152000A1.wav'),
    ).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      agentId: 'A1',
    });
  });
});
