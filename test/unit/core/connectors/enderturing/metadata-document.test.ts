import { describe, expect, it } from 'vitest';
import {
  ENDER_TURING_METADATA_FIELDS,
  enderTuringMetadata,
  listFields,
  withExistingLists,
  withoutLists,
} from '../../../../../main/core/connectors/enderturing/metadata-document.ts';
import { RejectedError } from '../../../../../main/core/connectors/errors.ts';
import {
  CALL_METADATA_FIELDS,
  type CallMetadata,
} from '../../../../../main/core/metadata/call-metadata.ts';

/** A name in Ender Turing's format: the platform reads these details from it itself. */
const ET_NAME = '20240131_2059_Agent99_12345678_IN_0.wav';
const FROM_ET_NAME: CallMetadata = {
  startTime: '2024-01-31T20:59:00+02:00',
  agentId: 'Agent99',
  clientId: '12345678',
  direction: 'IN',
  agentChannel: 0,
};
/** A name Ender Turing cannot read anything from. */
const PLAIN_NAME = 'recording-0001.wav';

describe("Ender Turing's metadata document", () => {
  it("sends a sidecar's CRM fields under seed 001's names, in seed 001's types", () => {
    const document = enderTuringMetadata(
      {
        ...FROM_ET_NAME,
        extra: {
          fcr: 1,
          csi: '3',
          nps: 5,
          customer_id: 176196,
          crm_statuses: '["CSI not resolved / not accepted","Callback"]',
          campaign_name: 'Some Campaign',
        },
      },
      ET_NAME,
    );

    expect(document).toEqual({
      fcr: 1,
      csi: 3,
      nps: 5,
      customer_id: '176196',
      crm_statuses: ['CSI not resolved / not accepted', 'Callback'],
      campaign_name: 'Some Campaign',
    });
  });

  it('does not repeat the call details Ender Turing reads from the file name itself', () => {
    expect(enderTuringMetadata(FROM_ET_NAME, ET_NAME)).toEqual({});
  });

  it('sends a detail the sidecar changed from what the name says', () => {
    const document = enderTuringMetadata({ ...FROM_ET_NAME, agentId: 'Agent7' }, ET_NAME);

    expect(document).toEqual({ agent_phone_number: 'Agent7' });
  });

  it('sends one CRM status as a list of one, and other sidecar keys as they are', () => {
    const document = enderTuringMetadata(
      { extra: { crm_statuses: 'Resolved', ticket: 'T-9', vip: true, score: 4.5, empty: null } },
      ET_NAME,
    );

    expect(document).toEqual({ crm_statuses: ['Resolved'], ticket: 'T-9', vip: true, score: 4.5 });
  });

  it('sends the campaign as campaign_name, unless the sidecar names campaign_name itself', () => {
    expect(enderTuringMetadata({ campaign: 'Spring' }, ET_NAME)).toEqual({
      campaign_name: 'Spring',
    });
    expect(
      enderTuringMetadata({ campaign: 'Spring', extra: { campaign_name: 'Summer' } }, ET_NAME),
    ).toEqual({ campaign_name: 'Summer' });
  });

  it('sends every call detail when Ender Turing cannot read the file name', () => {
    const document = enderTuringMetadata(
      {
        startTime: '2024-04-01T18:20:00+03:00',
        agentId: '524',
        agentFirstName: 'Ada',
        agentLastName: 'Lovelace',
        clientId: '77051567674',
        direction: 'IN',
        agentChannel: 1,
        callId: 'ed6a0448',
        queue: 'Precollection',
        waitingTimeSec: 11,
        did: '3800',
        callType: 'manual',
        hangupBy: 'client',
        skillGroup: 'Debt',
        holds: [{ startSec: 12, endSec: 30 }],
      },
      PLAIN_NAME,
    );

    expect(document).toEqual({
      start_dt: '2024-04-01T15:20:00',
      agent_phone_number: '524',
      caller_id: '77051567674',
      direction: 'IN',
      agent_channel: 1,
      queue_name: 'Precollection',
      call_id: 'ed6a0448',
      agent_first_name: 'Ada',
      agent_last_name: 'Lovelace',
      waiting_time: 11,
      did: '3800',
      call_type: 'Manual',
      hangup_by: 'client',
      skill_group: 'Debt',
      holds: ['12-30'],
    });
  });

  it('names the client as the destination of an outbound call, and leaves UNKNOWN out', () => {
    expect(enderTuringMetadata({ clientId: '555', direction: 'OUT' }, PLAIN_NAME)).toEqual({
      destination_id: '555',
      direction: 'OUT',
    });
    expect(enderTuringMetadata({ clientId: '555', direction: 'UNKNOWN' }, PLAIN_NAME)).toEqual({});
  });

  it.each([
    ['csi', 'excellent', 'a whole number'],
    ['nps', 4.5, 'a whole number'],
    ['customer_id', true, 'a text'],
    ['crm_statuses', '[{"status":"open"}]', 'a list of texts'],
  ] as const)('refuses %s %j, saying what Ender Turing takes', (key, value, expected) => {
    const make = (): unknown => enderTuringMetadata({ extra: { [key]: value } }, ET_NAME);

    expect(make).toThrow(RejectedError);
    expect(make).toThrow(`${key} as ${JSON.stringify(value)}`);
    expect(make).toThrow(expected);
  });

  it('documents where every call detail goes', () => {
    const details = ENDER_TURING_METADATA_FIELDS.map((m) => m.canonical);

    expect([...details].sort()).toEqual(CALL_METADATA_FIELDS.filter((f) => f !== 'extra').sort());
    for (const mapping of ENDER_TURING_METADATA_FIELDS) expect(mapping.source).not.toBe('');
  });
});

describe('list fields', () => {
  it("keep the conversation's values first, then add only the new ones", () => {
    const document = { crm_statuses: ['Resolved', 'Callback'], csi: 3 };

    expect(withExistingLists(document, { crm_statuses: ['Callback', 'VIP'], csi: 1 })).toEqual({
      crm_statuses: ['Callback', 'VIP', 'Resolved'],
      csi: 3,
    });
  });

  it('are sent as they are when the conversation has none', () => {
    expect(withExistingLists({ crm_statuses: ['Resolved'] }, { id: 'x' })).toEqual({
      crm_statuses: ['Resolved'],
    });
  });

  it('are found and can be left out', () => {
    const document = { crm_statuses: ['Resolved'], holds: ['1-2'], csi: 3 };

    expect(listFields(document)).toEqual(['crm_statuses', 'holds']);
    expect(withoutLists(document)).toEqual({ csi: 3 });
  });
});
