import { describe, expect, it } from 'vitest';
import type { UploadJob } from '../../../../../main/core/connectors/connector.ts';
import {
  audioFormatOf,
  callInfo,
  contactsOf,
  directionOf,
  sessionIdOf,
} from '../../../../../main/core/connectors/tethr/call-info.ts';

const SHA_A = 'a'.repeat(40) + 'b'.repeat(24);
const SHA_B = 'c'.repeat(64);

function job(overrides: Partial<UploadJob> = {}): UploadJob {
  return {
    id: 1,
    path: '/recordings/call.wav',
    fileName: 'call.wav',
    sizeBytes: 1000,
    sha256: SHA_A,
    audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 75.5 },
    metadata: { startTime: '2015-06-04T16:26:17+03:00' },
    attempt: 1,
    ...overrides,
  };
}

const FILE_TIME = Date.parse('2024-05-01T10:00:00Z');

describe('Tethr call info', () => {
  it('derives the session id from the content hash: the same on every retry, different per recording', () => {
    expect(sessionIdOf(job({ attempt: 1 }))).toBe(sessionIdOf(job({ attempt: 7, id: 99 })));
    expect(sessionIdOf(job())).not.toBe(sessionIdOf(job({ sha256: SHA_B })));
    expect(sessionIdOf(job())).toBe(`callcourier-${'a'.repeat(32)}`);
  });

  it('gives the start time in UTC and ends the call after the duration read from the audio header', () => {
    const info = callInfo(job(), { fileModifiedMs: FILE_TIME });
    expect(info?.startTime).toBe('2015-06-04T13:26:17Z');
    expect(info?.endTime).toBe('2015-06-04T13:27:32.500Z');
  });

  it('takes the file modification time as the end of a call whose start time is unknown', () => {
    const info = callInfo(job({ metadata: {} }), { fileModifiedMs: FILE_TIME });
    expect(info?.endTime).toBe('2024-05-01T10:00:00Z');
    expect(info?.startTime).toBe('2024-05-01T09:58:44.500Z');
    expect(info?.metaData).toMatchObject({ startTimeSource: 'file modification time' });
  });

  it.each([
    ['IN', 'Inbound'],
    ['OUT', 'Outbound'],
    ['INTERNAL', 'Internal'],
    ['UNKNOWN', 'Unknown'],
    [undefined, 'Unknown'],
  ] as const)('maps direction %s to %s', (direction, expected) => {
    expect(directionOf(direction)).toBe(expected);
  });

  it('puts the agent on the agent channel and the customer on the other, zero-based', () => {
    expect(
      contactsOf({
        agentChannel: 1,
        agentId: '3241',
        agentFirstName: 'John',
        agentLastName: 'Doe',
        clientId: '444-555-9876',
      }),
    ).toEqual([
      { type: 'agent', channel: 1, referenceId: '3241', firstName: 'John', lastName: 'Doe' },
      { type: 'customer', channel: 0, referenceId: '444-555-9876', phoneNumber: '444-555-9876' },
    ]);
  });

  it('assumes the agent on the left channel when the recording does not say, and gives a non-number client only as a reference', () => {
    expect(contactsOf({ clientId: 'CRM-77' })).toEqual([
      { type: 'agent', channel: 0 },
      { type: 'customer', channel: 1, referenceId: 'CRM-77' },
    ]);
  });

  it('fills masterCallId from the call id, numberDialed from the DID, and metaData with the rest', () => {
    const info = callInfo(
      job({
        metadata: {
          startTime: '2015-06-04T13:26:17Z',
          callId: '2545684745',
          did: '5555551234',
          direction: 'OUT',
          queue: 'Service-Change',
          campaign: 'Spring',
          skillGroup: 'billing',
          callType: 'manual',
          hangupBy: 'client',
          waitingTimeSec: 12,
          holds: [{ startSec: 10, endSec: 14 }],
          extra: { crmCustomerId: 'C-19', callQueue: 'from sidecar' },
        },
      }),
      { fileModifiedMs: FILE_TIME },
    );
    expect(info).toMatchObject({
      masterCallId: '2545684745',
      numberDialed: '5555551234',
      direction: 'Outbound',
      audio: { format: 'wav' },
    });
    expect(info?.metaData).toEqual({
      fileName: 'call.wav',
      callQueue: 'Service-Change',
      campaign: 'Spring',
      skillGroup: 'billing',
      callType: 'manual',
      hangupBy: 'client',
      waitingTimeSec: 12,
      holds: [{ startSec: 10, endSec: 14 }],
      crmCustomerId: 'C-19',
    });
  });

  it('leaves out masterCallId and numberDialed when the recording does not carry them', () => {
    const info = callInfo(job(), { fileModifiedMs: FILE_TIME });
    expect(info).not.toHaveProperty('masterCallId');
    expect(info).not.toHaveProperty('numberDialed');
  });

  it('names the audio format Tethr expects, and none for audio it does not take', () => {
    const audio = (
      container: 'wav' | 'mp3' | 'ogg' | 'mp4',
      codec: 'pcm' | 'mp3' | 'opus' | 'vorbis' | 'aac',
    ) => job({ audio: { container, codec, channels: 2, sampleRate: 8000, durationSec: 1 } });
    expect(audioFormatOf(audio('wav', 'pcm'))).toBe('wav');
    expect(audioFormatOf(audio('mp3', 'mp3'))).toBe('mp3');
    expect(audioFormatOf(audio('ogg', 'opus'))).toBe('opus');
    expect(audioFormatOf(audio('ogg', 'vorbis'))).toBeNull();
    expect(audioFormatOf(audio('mp4', 'aac'))).toBeNull();
    expect(audioFormatOf(job({ audio: null, fileName: 'call.opus' }))).toBe('opus');
    expect(callInfo(audio('mp4', 'aac'), { fileModifiedMs: FILE_TIME })).toBeNull();
  });
});
