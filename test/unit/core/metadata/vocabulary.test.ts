import { describe, expect, it } from 'vitest';
import { isExtension, ordinal } from '../../../../main/core/metadata/vocabulary.ts';

describe('telling an internal extension from an outside number', () => {
  it.each(['10', '101', '1001', '123456'])('%s is an extension (2 to 6 digits)', (party) => {
    expect(isExtension(party)).toBe(true);
  });

  it.each(['1', '1234567', '+101', '+15551234567', 'anonymous', 'Unknown', ''])(
    '%s is not an extension',
    (party) => {
      expect(isExtension(party)).toBe(false);
    },
  );
});

describe('ordinals in reasons', () => {
  it('read as people write them', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
    ]);
  });
});
