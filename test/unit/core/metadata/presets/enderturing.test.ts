import { describe, expect, it } from 'vitest';
import { parseEnderTuringName } from '../../../../../main/core/metadata/presets/enderturing.ts';
import { parsing } from '../parse-helpers.ts';

const { metadataOf, reasonFor } = parsing(parseEnderTuringName);
describe('Ender Turing names: forms and tokens', () => {
  it('a name with no channel after the direction is read without one', () => {
    expect(metadataOf('20240401_1520_A1_555_IN.wav')).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      agentId: 'A1',
      clientId: '555',
      direction: 'IN',
    });
  });

  it('the positional channel may come before the key-values', () => {
    expect(metadataOf('20240401_1520_A1_555_IN_1_queue-Sales.wav')).toMatchObject({
      agentChannel: 1,
      queue: 'Sales',
    });
  });

  it('the minimal form may have seconds in its time', () => {
    expect(metadataOf('20240401_152045_A1_555_OUT_0.wav').startTime).toBe('2024-04-01T15:20:45Z');
  });

  it.each([
    ['in', 'IN'],
    ['Inbound', 'IN'],
    ['INCOMING', 'IN'],
    ['out', 'OUT'],
    ['OUTBOUND', 'OUT'],
    ['outgoing', 'OUT'],
    ['internal', 'INTERNAL'],
    ['Local', 'INTERNAL'],
  ])('direction %s is read as %s', (word, direction) => {
    expect(metadataOf(`20240401_1520_A1_555_${word}_0.wav`).direction).toBe(direction);
  });

  it.each([
    ['Agent', 'agent'],
    ['CLIENT', 'client'],
    ['customer', 'client'],
    ['unknown', 'unknown'],
  ])('termInitiator-%s means hung up by %s', (word, side) => {
    expect(metadataOf(`20240401_1520_A1_555_IN_termInitiator-${word}.wav`).hangupBy).toBe(side);
  });

  it('a campaign call may be manual, and its DID is read when it has one', () => {
    expect(metadataOf('20241214102750_Winback_442080001111_555_A1_Manual.wav')).toStrictEqual({
      startTime: '2024-12-14T10:27:50Z',
      campaign: 'Winback',
      did: '442080001111',
      clientId: '555',
      agentId: 'A1',
      direction: 'OUT',
      callType: 'manual',
    });
  });

  it('every documented key is read into its field', () => {
    const name =
      '20240401_1520_A1_555_IN_callId-c-1_queue-Q_group-G_campaign-C_agentChan-0_fileId-F9_did-8001_termInitiator-customer.wav';
    expect(metadataOf(name)).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      agentId: 'A1',
      clientId: '555',
      direction: 'IN',
      callId: 'c-1',
      queue: 'Q',
      skillGroup: 'G',
      campaign: 'C',
      agentChannel: 0,
      did: '8001',
      hangupBy: 'client',
      extra: { fileId: 'F9' },
    });
  });

  it('holds repeat, in order, and unknown keys go into extra with their values', () => {
    const name = '20240401_1520_A1_555_IN_0_hold-10-20_hold-30.5-45_branch-north-east.wav';
    expect(metadataOf(name)).toMatchObject({
      holds: [
        { startSec: 10, endSec: 20 },
        { startSec: 30.5, endSec: 45 },
      ],
      extra: { branch: 'north-east' },
    });
  });

  it('explicit key-values win over the positional queue and campaign', () => {
    const advanced = '20241218_145550_A1_Ann-Lee_555_IN_QueueA_11_client_queue-QueueB.wav';
    expect(metadataOf(advanced).queue).toBe('QueueB');
    const campaign = '20241214102750_Spring_noDID_555_A1_auto_campaign-Summer_did-8001.wav';
    expect(metadataOf(campaign)).toMatchObject({ campaign: 'Summer', did: '8001' });
  });

  it('the advanced form may stop early, and a known key ends its positional part', () => {
    expect(metadataOf('20241218_145550_A1_Ann-Lee_555_IN_Sales.wav')).toStrictEqual({
      startTime: '2024-12-18T14:55:50Z',
      agentId: 'A1',
      agentFirstName: 'Ann',
      agentLastName: 'Lee',
      clientId: '555',
      direction: 'IN',
      queue: 'Sales',
    });
    expect(metadataOf('20241218_145550_A1_Ann-Lee_555_IN_callId-x9')).toMatchObject({
      callId: 'x9',
    });
    expect(metadataOf('20241218_145550_A1_Ann-Lee_555_IN_callId-x9').queue).toBeUndefined();
  });

  it('an agent name with more minus signs keeps them in the last name', () => {
    expect(metadataOf('20241218_145550_A1_Mary-Ann-Smith_555_OUT.wav')).toMatchObject({
      agentFirstName: 'Mary',
      agentLastName: 'Ann-Smith',
    });
  });

  it('the wall-clock time is read in the folder time zone', () => {
    expect(metadataOf('20240401_1520_Agent99_12345678_IN_0.wav', 'Europe/Kyiv').startTime).toBe(
      '2024-04-01T15:20:00+03:00',
    );
  });
});

describe('Ender Turing names that do not fit say why', () => {
  it.each([
    [
      '20240401_1520_Agent99_12345678_SIDEWAYS_0.wav',
      "the 5th part 'SIDEWAYS' is not a direction: use IN, OUT or INTERNAL",
    ],
    [
      '20241301_1520_A_B_IN_0.wav',
      "the 1st part '20241301' is not a real date: there is no month 13",
    ],
    [
      '20240231_1520_A_B_IN_0.wav',
      "the 1st part '20240231' is not a real date: February 2024 has 29 days, not 31",
    ],
    ['20240401_2500_A_B_IN_0.wav', "the 2nd part '2500' is not a real time: there is no hour 25"],
    ['20240401_1560_A_B_IN_0.wav', "the 2nd part '1560' is not a real time: there is no minute 60"],
    [
      '20241314102750_C_noDID_555_A1_auto.wav',
      "the 1st part '20241314102750' is not a real date and time: there is no month 13",
    ],
    [
      '2024-04-01_1520_A_B_IN_0.wav',
      "the 1st part '2024-04-01' is not a date: use YYYYMMDD, or YYYYMMDDHHMMSS for a campaign call",
    ],
    ['20240401_15h20_A_B_IN_0.wav', "the 2nd part '15h20' is not a time: use HHMM or HHMMSS"],
    [
      '20240401_1520_A_B.wav',
      "the name has 4 parts separated by '_' where Ender Turing needs at least 5: YYYYMMDD_HHMM_Agent_Client_DIRECTION_AgentChannel",
    ],
    ['20240401_1520__B_IN_0.wav', 'the 3rd part is empty: Ender Turing expects the agent there'],
    [
      '20240401_1520_A_B_IN_2.wav',
      "the 6th part '2' is neither the agent channel (0 or 1) nor a key-value pair such as queue-Sales",
    ],
    ['20240401_1520_A_B_IN_0_1.wav', "the 7th part '1' is a second agent channel"],
    [
      '20240401_1520_A_B_IN_agentChan-2.wav',
      "the 6th part 'agentChan-2' says agentChan '2': use 0 or 1",
    ],
    [
      '20240401_1520_A_B_IN_termInitiator-bot.wav',
      "the 6th part 'termInitiator-bot' says termInitiator 'bot': use agent, client or unknown",
    ],
    [
      '20240401_1520_A_B_IN_hold-30-10.wav',
      "the 6th part 'hold-30-10' is a hold that ends before it starts",
    ],
    [
      '20240401_1520_A_B_IN_hold-abc.wav',
      "the 6th part 'hold-abc' is not a hold: use hold-START-END in seconds from the start, such as hold-30-45",
    ],
    [
      '20240401_1520_A_B_IN_queue-X_queue-Y.wav',
      "the 7th part 'queue-Y' repeats the key queue, which may appear only once",
    ],
    [
      '20241218_145550_A1_Ann-Lee_555_IN_Sales_soon_client.wav',
      "the 8th part 'soon' is not a waiting time: use seconds, such as 11",
    ],
    [
      '20241218_145550_A1_Ann-Lee_555_IN_Sales_11_robot.wav',
      "the 9th part 'robot' is not who hung up: use agent, client or unknown",
    ],
    [
      '20241214102750_C_noDID_555_A1_sometimes.wav',
      "the 6th part 'sometimes' is not a call type: use auto or manual",
    ],
    [
      '20241214102750_C_noDID_555.wav',
      "the name has 4 parts separated by '_' where a campaign call has 6: YYYYMMDDHHMMSS_Campaign_DID_Client_Agent_auto|manual",
    ],
  ])('%s', (name, reason) => {
    expect(reasonFor(name)).toBe(reason);
  });

  it('an unknown time zone is named in the reason', () => {
    const result = parseEnderTuringName('20240401_1520_A_B_IN_0.wav', { timeZone: 'Mars/Olympus' });
    expect(result).toEqual({
      ok: false,
      reason:
        "the time zone 'Mars/Olympus' is not an IANA time zone name such as Europe/Kyiv or UTC",
    });
  });
});
