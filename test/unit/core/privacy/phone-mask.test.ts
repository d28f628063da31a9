import { describe, expect, it } from 'vitest';
import { maskedRecordingItem } from '../../../../main/core/privacy/masked-recording.ts';
import {
  maskPhoneNumber,
  maskPhoneNumbersIn,
  maskPhoneNumbersInJson,
} from '../../../../main/core/privacy/phone-mask.ts';
import type { RecordingItem } from '../../../../preload/api.ts';

describe('masking phone numbers', () => {
  it('keeps the last four digits and the punctuation of a number', () => {
    expect(maskPhoneNumber('380990000499')).toBe('••••••••0499');
    expect(maskPhoneNumber('+44 20 7946 0958')).toBe('+•• •• •••• 0958');
  });

  it('masks long digit runs in free text but keeps date stamps, times and extensions', () => {
    expect(maskPhoneNumbersIn('20240124_0819_Agent19_380990000499_OUT_1.wav')).toBe(
      '20240124_0819_Agent19_••••••••0499_OUT_1.wav',
    );
    expect(maskPhoneNumbersIn('call from 201 at 20240124081900 to 5551234')).toBe(
      'call from 201 at 20240124081900 to •••1234',
    );
  });

  it('masks a known number even where it looks like a date', () => {
    expect(maskPhoneNumbersIn('rec-20240124.wav', ['2024-0124'])).toBe('rec-••••0124.wav');
  });

  it('masks inside the strings of a JSON log line and leaves its numbers as numbers', () => {
    const line = JSON.stringify({ message: 'sent 380990000499.wav', bytes: 12345678 });
    expect(JSON.parse(maskPhoneNumbersInJson(line))).toEqual({
      message: 'sent ••••••••0499.wav',
      bytes: 12345678,
    });
  });

  it('masks the client in a recording but not the agent or the dialled company number', () => {
    const item = {
      id: 1,
      path: '/rec/in/5551234567_201.wav',
      fileName: '5551234567_201.wav',
      error: 'the platform refused 5551234567_201.wav',
      warnings: [],
      metadata: {
        clientId: '5551234567',
        agentId: '201',
        did: '18005550100',
        extra: { ani: 5551234567 },
      },
    } as unknown as RecordingItem;
    const masked = maskedRecordingItem(item);
    expect(masked.fileName).toBe('••••••4567_201.wav');
    expect(masked.path).toBe('/rec/in/••••••4567_201.wav');
    expect(masked.error).toBe('the platform refused ••••••4567_201.wav');
    expect(masked.metadata).toEqual({
      clientId: '••••••4567',
      agentId: '201',
      did: '18005550100',
      extra: { ani: '••••••4567' },
    });
  });
});
