import { describe, expect, it } from 'vitest';
import { parseFreePbxName } from '../../../../../main/core/metadata/presets/freepbx.ts';
import { parsing } from '../parse-helpers.ts';

const { metadataOf, reasonFor } = parsing(parseFreePbxName);

const WHEN = '20250327-021517-1743042317.12206';

describe('FreePBX names: <type>-<to>-<from>-<YYYYMMDD>-<HHMMSS>-<uniqueid>', () => {
  it('an inbound route call: to is the DID, from is the caller, the unique id is the call id', () => {
    expect(metadataOf(`in-4420800011-5559876543-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      did: '4420800011',
      clientId: '5559876543',
      direction: 'IN',
      callId: '1743042317.12206',
    });
  });

  it('an outbound call: to is the dialled number, from is the extension', () => {
    expect(metadataOf(`out-5559876543-1001-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      clientId: '5559876543',
      agentId: '1001',
      direction: 'OUT',
      callId: '1743042317.12206',
    });
  });

  it('a queue call: to is the queue, from is the caller', () => {
    expect(metadataOf(`q-600-5559876543-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      queue: '600',
      clientId: '5559876543',
      direction: 'IN',
      callId: '1743042317.12206',
    });
  });

  it('a ring group call: to is the ring group, kept in extra', () => {
    expect(metadataOf(`rg-601-5559876543-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      extra: { ringGroup: '601' },
      clientId: '5559876543',
      direction: 'IN',
      callId: '1743042317.12206',
    });
  });

  it('an extension calling outside is OUT, with the extension as agent', () => {
    expect(metadataOf(`external-5559876543-1001-${WHEN}.wav`)).toMatchObject({
      direction: 'OUT',
      agentId: '1001',
      clientId: '5559876543',
    });
  });

  it('an outside caller reaching an extension is IN, with the extension as agent', () => {
    expect(metadataOf(`exten-1001-+15559876543-${WHEN}.wav`)).toMatchObject({
      direction: 'IN',
      agentId: '1001',
      clientId: '+15559876543',
    });
  });

  it('a withheld caller (anonymous) counts as outside', () => {
    expect(metadataOf(`force-1001-anonymous-${WHEN}.wav`)).toMatchObject({
      direction: 'IN',
      agentId: '1001',
      clientId: 'anonymous',
    });
  });

  it('extension to extension is INTERNAL: the agent is to, the client is from', () => {
    expect(metadataOf(`internal-1002-1001-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      direction: 'INTERNAL',
      agentId: '1002',
      clientId: '1001',
      callId: '1743042317.12206',
    });
  });

  it('neither side an extension is UNKNOWN, and both numbers are kept in extra', () => {
    expect(metadataOf(`conf-5551112222-5553334444-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      direction: 'UNKNOWN',
      extra: { from: '5553334444', to: '5551112222' },
      callId: '1743042317.12206',
    });
  });

  it('ondemand recordings are read by the same extension rule', () => {
    expect(metadataOf(`ondemand-5559876543-1001-${WHEN}.wav`).direction).toBe('OUT');
  });

  it('an empty part is simply absent', () => {
    expect(metadataOf(`in--5559876543-${WHEN}.wav`)).toStrictEqual({
      startTime: '2025-03-27T02:15:17Z',
      clientId: '5559876543',
      direction: 'IN',
      callId: '1743042317.12206',
    });
  });

  it('only the last dot starts the extension, in any case, and a name without one still reads', () => {
    expect(metadataOf(`in-4420800011-5559876543-${WHEN}.WAV`).callId).toBe('1743042317.12206');
    expect(metadataOf(`in-4420800011-5559876543-${WHEN}`).callId).toBe('1743042317.12206');
  });

  it('the time is read in the folder time zone', () => {
    expect(metadataOf(`in-4420800011-5559876543-${WHEN}.wav`, 'America/New_York').startTime).toBe(
      '2025-03-27T02:15:17-04:00',
    );
  });
});

describe('FreePBX names that do not fit say why', () => {
  it.each([
    [
      `voicemail-1001-5559876543-${WHEN}.wav`,
      "'voicemail' is not a FreePBX recording type: use in, out, internal, external, q, rg, exten, conf, ondemand or force",
    ],
    [
      '20240401_1520_Agent99_12345678_IN_0.wav',
      "'20240401_1520_Agent99_12345678_IN_0' is not a FreePBX recording type: use in, out, internal, external, q, rg, exten, conf, ondemand or force",
    ],
    [
      `in-44-20-5559876543-${WHEN}.wav`,
      "the name has 7 parts separated by '-' where FreePBX writes 6: <type>-<to>-<from>-<YYYYMMDD>-<HHMMSS>-<uniqueid>",
    ],
    [
      `in-1-2-2025032-021517-1743042317.1.wav`,
      "the 4th part '2025032' is not a date: use YYYYMMDD",
    ],
    [`in-1-2-20250327-0215-1743042317.1.wav`, "the 5th part '0215' is not a time: use HHMMSS"],
    [
      `in-1-2-20251327-021517-1743042317.1.wav`,
      "the 4th part '20251327' is not a real date: there is no month 13",
    ],
    [
      `in-1-2-20250327-250000-1743042317.1.wav`,
      "the 5th part '250000' is not a real time: there is no hour 25",
    ],
    [
      `in-1-2-20250327-021517-abc.wav`,
      "the last part 'abc' is not an Asterisk unique id such as 1743042317.12206",
    ],
  ])('%s', (name, reason) => {
    expect(reasonFor(name)).toBe(reason);
  });
});
