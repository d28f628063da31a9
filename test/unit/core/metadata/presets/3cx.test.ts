import { describe, expect, it } from 'vitest';
import { parse3cxName } from '../../../../../main/core/metadata/presets/3cx.ts';
import { parsing } from '../parse-helpers.ts';

const { metadataOf, reasonFor } = parsing(parse3cxName);

describe('3CX names: [<name>]_<from>-<to>_<YYYYMMDDHHMMSS>(<n>)', () => {
  it('from an extension: OUT, the agent is from and the bracketed name is the agent’s', () => {
    expect(metadataOf('[John Smith]_101-5551234567_20240401152000(42).wav')).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      direction: 'OUT',
      agentId: '101',
      agentFirstName: 'John',
      agentLastName: 'Smith',
      clientId: '5551234567',
      callId: '42',
    });
  });

  it('from outside: IN, the agent is to and the bracketed name is the caller’s', () => {
    expect(metadataOf('[Acme Corp Ltd]_+15551234567-101_20240401152000(43).wav')).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      direction: 'IN',
      agentId: '101',
      clientId: '+15551234567',
      extra: { clientName: 'Acme Corp Ltd' },
      callId: '43',
    });
  });

  it('the agent’s name splits at the first space only; a single word is a first name', () => {
    expect(metadataOf('[Mary Ann Lee]_101-5551234567_20240401152000(1).wav')).toMatchObject({
      agentFirstName: 'Mary',
      agentLastName: 'Ann Lee',
    });
    const single = metadataOf('[Reception]_101-5551234567_20240401152000(1).wav');
    expect(single.agentFirstName).toBe('Reception');
    expect(single.agentLastName).toBeUndefined();
  });

  it('extension to extension is INTERNAL, the caller being the agent', () => {
    expect(metadataOf('[Ann Lee]_101-102_20240401152000(7).wav')).toMatchObject({
      direction: 'INTERNAL',
      agentId: '101',
      clientId: '102',
    });
  });

  it('an empty name and a missing (n) are simply absent', () => {
    expect(metadataOf('[]_5551234567-101_20240401152000.wav')).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      direction: 'IN',
      agentId: '101',
      clientId: '5551234567',
    });
  });

  it('the time is read in the folder time zone', () => {
    expect(metadataOf('[A B]_101-5551234567_20240701152000(1).wav', 'Europe/Kyiv').startTime).toBe(
      '2024-07-01T15:20:00+03:00',
    );
  });

  it.each([
    [
      '20240401_1520_Agent99_12345678_IN_0.wav',
      'the name does not start with a [name] and _, as 3CX names do',
    ],
    [
      '[A B]_101_20240401152000(1).wav',
      "after the [name], '101_20240401152000(1)' is not <from>-<to>_<YYYYMMDDHHMMSS>(<n>) as 3CX writes it",
    ],
    [
      '[A B]_101-555_20241301152000(1).wav',
      "'20241301152000' is not a real date and time: there is no month 13",
    ],
  ])('%s does not fit: %s', (name, reason) => {
    expect(reasonFor(name)).toBe(reason);
  });
});
