import { describe, expect, it } from 'vitest';
import { mediaMetadata } from '../../../../../main/core/connectors/authenticx/metadata-document.ts';
import type { AuthenticxSettings } from '../../../../../main/core/connectors/authenticx/settings.ts';
import type { CallMetadata } from '../../../../../main/core/metadata/call-metadata.ts';

const ENGLISH: AuthenticxSettings = { clientId: 'office', localeId: 1033 };
const NAME = '20240401_1520_Agent99_12345678_IN_0.wav';

function document(metadata: CallMetadata, settings: AuthenticxSettings = ENGLISH) {
  return mediaMetadata(NAME, metadata, settings);
}

describe('The Authenticx metadata document', () => {
  it('maps each canonical call detail to the Authenticx field of the same meaning', () => {
    expect(
      document({
        startTime: '2024-04-01T15:20:00+03:00',
        agentId: '007',
        agentFirstName: 'James',
        agentLastName: 'Bond',
        clientId: '800-555-5555',
        direction: 'IN',
        callId: '5CD1S',
      }),
    ).toEqual({
      FileName: NAME,
      UploadType: 'Audio',
      CallDirection: 'Inbound',
      Phone: '800-555-5555',
      AgentFirstName: 'James',
      AgentLastName: 'Bond',
      AgentCode: '007',
      InteractionDate: '2024-04-01T15:20:00+03:00',
      LocaleId: 1033,
      ClientCallId: '5CD1S',
    });
  });

  it('says only the file name, the upload type and the language when the call has no details', () => {
    expect(document({})).toEqual({ FileName: NAME, UploadType: 'Audio', LocaleId: 1033 });
  });

  it.each([
    ['IN', { CallDirection: 'Inbound' }],
    ['OUT', { CallDirection: 'Outbound' }],
    // Authenticx knows only Inbound and Outbound: an internal call says so among the extended values.
    ['INTERNAL', { ExtendedMetadataValues: { Direction: 'Internal' } }],
    // An unknown direction says nothing.
    ['UNKNOWN', {}],
  ] as const)('sends direction %s as %o', (direction, expected) => {
    const { FileName, UploadType, LocaleId, ...rest } = document({ direction });

    expect({ FileName, UploadType, LocaleId }).toEqual({
      FileName: NAME,
      UploadType: 'Audio',
      LocaleId: 1033,
    });
    expect(rest).toEqual(expected);
  });

  it('puts every other detail in ExtendedMetadataValues as text, extras under their own names', () => {
    const sent = document({
      agentChannel: 1,
      queue: 'Sales',
      waitingTimeSec: 12.5,
      did: '5550100',
      campaign: 'Spring',
      callType: 'manual',
      hangupBy: 'client',
      skillGroup: 'Billing',
      holds: [
        { startSec: 0, endSec: 12 },
        { startSec: 30.5, endSec: 41 },
      ],
      extra: {
        ticket: 'T-1',
        priority: 2,
        vip: true,
        note: null,
        Queue: 'from the sidecar',
        '': 'x',
      },
    });

    expect(sent.ExtendedMetadataValues).toEqual({
      AgentChannel: 'right',
      Queue: 'Sales',
      WaitingTimeSec: '12.5',
      DialedNumber: '5550100',
      Campaign: 'Spring',
      CallType: 'manual',
      HangupBy: 'client',
      SkillGroup: 'Billing',
      Holds: '0-12,30.5-41',
      ticket: 'T-1',
      priority: '2',
      vip: 'true',
    });
  });

  it.each([
    [
      { code: 'Accounting', applyToAgent: false },
      { HierarchyCode: 'Accounting', ApplyHierarchyToAgent: false },
    ],
    [
      { id: '00000000-0000-0000-0000-000000000002', applyToAgent: true },
      { HierarchyId: '00000000-0000-0000-0000-000000000002', ApplyHierarchyToAgent: true },
    ],
  ])('files the call under the hierarchy %o', (hierarchy, expected) => {
    const { FileName, UploadType, LocaleId, ...rest } = document({}, { ...ENGLISH, hierarchy });

    expect(rest).toEqual(expected);
    expect(LocaleId).toBe(1033);
    expect({ FileName, UploadType }).toEqual({ FileName: NAME, UploadType: 'Audio' });
  });

  it('sends Spanish as LocaleId 2058, a number, and no LocaleId when the profile has none', () => {
    expect(document({}, { clientId: 'office', localeId: 2058 }).LocaleId).toBe(2058);
    expect(document({}, { clientId: 'office' })).not.toHaveProperty('LocaleId');
  });
});
