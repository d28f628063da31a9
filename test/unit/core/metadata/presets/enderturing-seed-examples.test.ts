import { describe, expect, it } from 'vitest';
import {
  enderTuringNameProblem,
  parseEnderTuringName,
} from '../../../../../main/core/metadata/presets/enderturing.ts';
import { parsing } from '../parse-helpers.ts';

const { metadataOf, reasonFor } = parsing(parseEnderTuringName);

describe('Ender Turing names: the examples of the specification (seed 000)', () => {
  it('the worked example gives exactly start, agent, client, direction and channel', () => {
    expect(metadataOf('20240401_1520_Agent99_12345678_IN_0.wav')).toStrictEqual({
      startTime: '2024-04-01T15:20:00Z',
      agentId: 'Agent99',
      clientId: '12345678',
      direction: 'IN',
      agentChannel: 0,
    });
  });

  it('the SFTP example 20221231_2059_Agent_1234567890_IN_0.mp3', () => {
    expect(metadataOf('20221231_2059_Agent_1234567890_IN_0.mp3')).toStrictEqual({
      startTime: '2022-12-31T20:59:00Z',
      agentId: 'Agent',
      clientId: '1234567890',
      direction: 'IN',
      agentChannel: 0,
    });
  });

  it('the minimal example 20240131_2059_Agent99_12345678_IN_0.mp3: incoming, 31 Jan 2024 at 8:59 PM UTC', () => {
    expect(metadataOf('20240131_2059_Agent99_12345678_IN_0.mp3')).toStrictEqual({
      startTime: '2024-01-31T20:59:00Z',
      agentId: 'Agent99',
      clientId: '12345678',
      direction: 'IN',
      agentChannel: 0,
    });
  });

  it('the advanced positional example carries the full name, queue, waiting time and who hung up', () => {
    const name = '20241218_145550_Agent99_Ender-Turing_12345678_IN_QueueService_11_client.wav';
    expect(metadataOf(name)).toStrictEqual({
      startTime: '2024-12-18T14:55:50Z',
      agentId: 'Agent99',
      agentFirstName: 'Ender',
      agentLastName: 'Turing',
      clientId: '12345678',
      direction: 'IN',
      queue: 'QueueService',
      waitingTimeSec: 11,
      hangupBy: 'client',
    });
  });

  it('the key-value example carries a call id with minus signs and the termination initiator', () => {
    const name = '20240318_1213_Agent99_12345678_IN_callId-adb7f91d-75ae_termInitiator-Agent.mp3';
    expect(metadataOf(name)).toStrictEqual({
      startTime: '2024-03-18T12:13:00Z',
      agentId: 'Agent99',
      clientId: '12345678',
      direction: 'IN',
      callId: 'adb7f91d-75ae',
      hangupBy: 'agent',
    });
  });

  it('the long key-value example: agentChan-1 wins over the trailing positional channel 0', () => {
    const name =
      '20241017_1654_524_77051567674_outbound_callId-ed6a0448-df59-4979-a0f3-f51eff524896_fileId-88053197_agentChan-1_termInitiator-agent_queue-Precollection_0.mp3';
    expect(metadataOf(name)).toStrictEqual({
      startTime: '2024-10-17T16:54:00Z',
      agentId: '524',
      clientId: '77051567674',
      direction: 'OUT',
      callId: 'ed6a0448-df59-4979-a0f3-f51eff524896',
      agentChannel: 1,
      hangupBy: 'agent',
      queue: 'Precollection',
      extra: { fileId: '88053197' },
    });
  });

  it('the campaign example is an outbound automatic call, and noDID means no DID', () => {
    expect(
      metadataOf('20241214102750_CampaignSales1_noDID_12345678_Agent99_auto.wav'),
    ).toStrictEqual({
      startTime: '2024-12-14T10:27:50Z',
      campaign: 'CampaignSales1',
      clientId: '12345678',
      agentId: 'Agent99',
      direction: 'OUT',
      callType: 'automatic',
    });
  });

  it('the queue/group/termInitiator example, with its placeholders filled in', () => {
    const name =
      '20250205_1453_10036_380994936872_IN_0_queue-Support_group-Tier1_termInitiator-client.wav';
    expect(metadataOf(name)).toStrictEqual({
      startTime: '2025-02-05T14:53:00Z',
      agentId: '10036',
      clientId: '380994936872',
      direction: 'IN',
      agentChannel: 0,
      queue: 'Support',
      skillGroup: 'Tier1',
      hangupBy: 'client',
    });
  });

  it('the campaign/group/termInitiator example, with its placeholders filled in', () => {
    const name =
      '20250205_1453_10036_380994936872_OUT_0_campaign-Renewals_group-Sales_termInitiator-agent.wav';
    expect(metadataOf(name)).toStrictEqual({
      startTime: '2025-02-05T14:53:00Z',
      agentId: '10036',
      clientId: '380994936872',
      direction: 'OUT',
      agentChannel: 0,
      campaign: 'Renewals',
      skillGroup: 'Sales',
      hangupBy: 'agent',
    });
  });

  it('the queue/group example copied literally, {PLACEHOLDERS} and all, is refused with a reason', () => {
    const name =
      '20250205_1453_10036_380994936872_IN_0_queue-{QUEUE_NAME}_group-{GROUP_NAME}_termInitiator-{DISCONNECT_INITIATOR}.wav';
    expect(reasonFor(name)).toBe(
      "the 8th part 'NAME}' is neither the agent channel (0 or 1) nor a key-value pair such as queue-Sales",
    );
  });

  it('the campaign/group example copied literally is refused too', () => {
    const name =
      '20250205_1453_10036_380994936872_OUT_0_campaign-{CAMPAIGN_NAME}_group-{GROUP_NAME}_termInitiator-{DISCONNECT_INITIATOR}.wav';
    expect(reasonFor(name)).toMatch(/^the 8th part 'NAME}' is neither/);
  });
});

describe('why Ender Turing would not read the call details from a name', () => {
  it('is null for a name it reads, in any case of .mp3, .wav or .opus', () => {
    expect(enderTuringNameProblem('20240401_1520_Agent99_12345678_IN_0.wav')).toBeNull();
    expect(enderTuringNameProblem('20240401_1520_Agent99_12345678_IN_0.MP3')).toBeNull();
    expect(enderTuringNameProblem('20240401_1520_Agent99_12345678_IN_0.Opus')).toBeNull();
  });

  it('names an extension Ender Turing does not take', () => {
    expect(enderTuringNameProblem('20240401_1520_Agent99_12345678_IN_0.ogg')).toBe(
      'Ender Turing reads only .mp3, .wav and .opus files, not .ogg',
    );
    expect(enderTuringNameProblem('20240401_1520_Agent99_12345678_IN_0')).toBe(
      'the name has no extension: Ender Turing reads only .mp3, .wav and .opus files',
    );
  });

  it('gives the reason the name does not follow the format', () => {
    expect(enderTuringNameProblem('in-5551234-5559876-20250327-021517-1743042317.12206.wav')).toBe(
      "the 1st part 'in-5551234-5559876-20250327-021517-1743042317.12206' is not a date: use YYYYMMDD, or YYYYMMDDHHMMSS for a campaign call",
    );
  });
});
