import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIRECTIONS, type CallMetadata } from '../../../../main/core/metadata/call-metadata.ts';
import { formatTemplate } from '../../../../main/core/metadata/template-format.ts';
import { compileTemplate } from '../../../../main/core/metadata/template.ts';

const SEED_TEMPLATE = '{date:YYYYMMDD}_{time:HHmm}_{agentId}_{clientId}_{direction}_{agentChannel}';

describe('writing metadata into a template', () => {
  it('writes the Ender Turing worked example back', () => {
    const metadata: CallMetadata = {
      startTime: '2024-04-01T15:20:00Z',
      agentId: 'Agent99',
      clientId: '12345678',
      direction: 'IN',
      agentChannel: 0,
    };
    expect(formatTemplate(SEED_TEMPLATE, metadata)).toEqual({
      ok: true,
      name: '20240401_1520_Agent99_12345678_IN_0',
    });
  });

  it('writes the start time as the wall clock of the folder time zone', () => {
    const metadata: CallMetadata = { startTime: '2024-04-01T12:20:00Z', agentId: 'A' };
    expect(
      formatTemplate('{date:YYYY-MM-DD}_{time:HHmm}_{agentId}', metadata, {
        timeZone: 'Europe/Kyiv',
      }),
    ).toEqual({
      ok: true,
      name: '2024-04-01_1520_A',
    });
  });

  it('writes typed fields, the agent name, extra keys, and nothing for {*}', () => {
    const metadata: CallMetadata = {
      callType: 'automatic',
      hangupBy: 'client',
      waitingTimeSec: 11,
      agentFirstName: 'Ann',
      agentLastName: 'Lee',
      extra: { site: 'north' },
    };
    const template = '{callType}_{hangupBy}_{waitingTimeSec}_{agentName}_{extra:site}_{*}';
    expect(formatTemplate(template, metadata)).toEqual({
      ok: true,
      name: 'automatic_client_11_Ann-Lee_north_',
    });
  });

  it('refuses when the metadata lacks a field the template needs', () => {
    expect(formatTemplate('{agentId}_{clientId}', { agentId: 'A' })).toEqual({
      ok: false,
      reason: 'the metadata has no value for {clientId}',
    });
    expect(formatTemplate(SEED_TEMPLATE, { agentId: 'A' })).toEqual({
      ok: false,
      reason: 'the metadata has no start time for the date',
    });
  });

  it('refuses a value that holds the separator after it, since the name could not be read back', () => {
    expect(formatTemplate('{agentId}_{clientId}', { agentId: 'A_1', clientId: '5' })).toEqual({
      ok: false,
      reason: "{agentId} is 'A_1', which contains '_', the separator that follows it",
    });
  });

  it('refuses an invalid template', () => {
    expect(formatTemplate('{nope}', {})).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^the template is not valid: \{nope\} is not a field/),
    });
  });
});

describe('format then parse', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9@.+]+$/);
  const startTime = fc
    .date({
      min: new Date('0001-01-01T00:00:00Z'),
      max: new Date('9999-12-31T23:59:59Z'),
      noInvalidDate: true,
    })
    .map((date) => `${date.toISOString().slice(0, 19)}Z`);
  const metadata = fc.record({
    startTime,
    agentId: id,
    clientId: id,
    direction: fc.constantFrom(...DIRECTIONS),
    agentChannel: fc.constantFrom(0 as const, 1 as const),
  });

  it('gives back the same metadata', () => {
    const template =
      '{date:YYYYMMDD}_{time:HHmmss}_{agentId}_{clientId}_{direction}_{agentChannel}';
    const compiled = compileTemplate(template);
    if (!compiled.ok) throw new Error(compiled.reason);
    fc.assert(
      fc.property(metadata, (written) => {
        const formatted = formatTemplate(template, written);
        if (!formatted.ok) throw new Error(formatted.reason);
        expect(compiled.compiled.parse(`${formatted.name}.wav`)).toStrictEqual({
          ok: true,
          metadata: { ...written }, // fast-check records have no prototype
        });
      }),
    );
  });

  it('gives back the same metadata with a combined datetime and other separators', () => {
    const template =
      '{clientId} {direction} {datetime:YYYY-MM-DD[T]HH.mm.ss} ch{agentChannel} by {agentId}';
    const compiled = compileTemplate(template);
    if (!compiled.ok) throw new Error(compiled.reason);
    fc.assert(
      fc.property(metadata, (written) => {
        const formatted = formatTemplate(template, written);
        if (!formatted.ok) throw new Error(formatted.reason);
        expect(compiled.compiled.parse(`${formatted.name}.mp3`)).toStrictEqual({
          ok: true,
          metadata: { ...written }, // fast-check records have no prototype
        });
      }),
    );
  });
});
