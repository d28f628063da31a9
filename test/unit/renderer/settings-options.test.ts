import { describe, expect, it } from 'vitest';
import type { ConnectorOptionInfo } from '../../../preload/api.ts';
import {
  mapFromRows,
  mapRows,
  optionChecked,
  optionText,
  readOptionText,
  requiredOptions,
  withOption,
} from '../../../renderer/src/views/settings/option-values.ts';

const option = (type: ConnectorOptionInfo['type'], extra: Partial<ConnectorOptionInfo> = {}) =>
  ({ name: 'x', label: 'X', help: '', type, ...extra }) as ConnectorOptionInfo;

describe("building a destination's options from what is typed", () => {
  it('stores whole numbers as numbers and says what to write otherwise', () => {
    expect(readOptionText(option('integer'), ' 30 ')).toEqual({ ok: true, value: 30 });
    expect(readOptionText(option('integer'), '3.5')).toEqual({
      ok: false,
      problem: 'Write a whole number, such as 30.',
      value: '3.5',
    });
  });

  it('reads a list of status codes written with commas or spaces', () => {
    expect(readOptionText(option('integer-list'), '200, 201 202')).toEqual({
      ok: true,
      value: [200, 201, 202],
    });
    expect(readOptionText(option('integer-list'), '[200, 201]')).toEqual({
      ok: true,
      value: [200, 201],
    });
    expect(readOptionText(option('integer-list'), '200, ok')).toMatchObject({ ok: false });
    expect(optionText(option('integer-list'), [200, 201])).toBe('200, 201');
  });

  it('leaves an emptied field out, so that the default applies', () => {
    for (const type of ['string', 'url', 'integer', 'enum', 'integer-list'] as const) {
      expect(readOptionText(option(type), '  ')).toEqual({ ok: true, value: undefined });
    }
    expect(withOption({ language: 'uk', baseUrl: 'https://x' }, 'language', undefined)).toEqual({
      baseUrl: 'https://x',
    });
  });

  it('keeps options the window does not know when one is changed', () => {
    expect(withOption({ fromNewerVersion: 1 }, 'username', 'ann')).toEqual({
      fromNewerVersion: 1,
      username: 'ann',
    });
  });

  it('ticks a checkbox by its stored value, else by its default', () => {
    expect(optionChecked(option('boolean', { default: true }), undefined)).toBe(true);
    expect(optionChecked(option('boolean', { default: true }), false)).toBe(false);
    expect(optionChecked(option('boolean'), undefined)).toBe(false);
  });

  it('turns header rows into a map, dropping blank rows, and back', () => {
    const rows = [
      { name: ' X-Api-Key ', value: '{secret:apiKey}' },
      { name: '', value: '' },
      { name: 'X-Empty', value: '' },
    ];
    expect(mapFromRows(rows)).toEqual({ 'X-Api-Key': '{secret:apiKey}', 'X-Empty': '' });
    expect(mapFromRows([{ name: '', value: '' }])).toBeUndefined();
    expect(mapRows({ a: '1', b: '2' })).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '2' },
    ]);
  });

  it('asks a first-run setup for the required fields without a default, secrets apart', () => {
    const { plain, secrets } = requiredOptions([
      option('url', { name: 'baseUrl', label: 'Server address', required: true }),
      option('string', { name: 'username', label: 'Username', required: true }),
      option('string', { name: 'password', label: 'Password', required: true, secret: true }),
      option('string', { name: 'language', label: 'Language', required: true, default: 'en' }),
      option('boolean', { name: 'allowMono', label: 'Send mono', advanced: true }),
    ]);
    expect(plain.map((o) => o.label)).toEqual(['Server address', 'Username']);
    expect(secrets.map((o) => o.label)).toEqual(['Password']);
  });
});
