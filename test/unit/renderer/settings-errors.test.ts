import { describe, expect, it } from 'vitest';
import type { ConnectorInfo, SettingsError } from '../../../preload/api.ts';
import { errorsAt, placeName } from '../../../renderer/src/views/settings/settings-errors.ts';
import { parsePathKey, pathKey } from '../../../renderer/src/views/settings/settings-path.ts';

const ENDER_TURING = {
  id: 'enderturing',
  label: 'Ender Turing',
  summary: '',
  docsUrl: '',
  options: [{ name: 'baseUrl', label: 'Server address', type: 'url', help: '' }],
  capabilities: { formats: 'WAV', requiresStereo: true },
} satisfies ConnectorInfo;

const SETTINGS = {
  watch: [{ path: '/var/spool/monitor', destinations: ['et', 'gone'] }, { destinations: [] }],
  profiles: [
    { id: 'et', connector: 'enderturing', options: {} },
    { id: 'sales', label: 'Sales team', connector: 'enderturing', options: {} },
  ],
};

const ERRORS: SettingsError[] = [
  {
    path: 'profiles[0].options.baseUrl',
    message: 'must be a full address such as https://example.com',
  },
  { path: 'watch[0].destinations[1]', message: 'no profile has the id "gone"' },
  { path: 'profiles[0].options.headers.X-Key', message: 'is not a header name' },
];

describe('showing each refused setting next to its field', () => {
  it('reads the paths the service writes, and writes them back the same way', () => {
    for (const path of ['profiles[0].options.baseUrl', 'watch[12].destinations[1]', 'upload']) {
      expect(pathKey(parsePathKey(path))).toBe(path);
    }
    expect(parsePathKey('(top level)')).toEqual([]);
  });

  it('gives a field its own errors as sentences, and a list field those of its entries', () => {
    expect(errorsAt(ERRORS, 'profiles[0].options.baseUrl')).toEqual([
      'Must be a full address such as https://example.com',
    ]);
    expect(errorsAt(ERRORS, 'watch[0].destinations')).toEqual([]);
    expect(errorsAt(ERRORS, 'watch[0].destinations', true)).toEqual([
      'No profile has the id "gone"',
    ]);
    expect(errorsAt(ERRORS, 'profiles[0].options.headers', true)).toEqual(['Is not a header name']);
    expect(errorsAt(ERRORS, 'profiles[1].options.baseUrl')).toEqual([]);
  });

  it('says a missing value is required without speaking of JSON', () => {
    const errors = [
      { path: 'profiles[0].options.username', message: 'is required (text in quotes)' },
    ];
    expect(errorsAt(errors, 'profiles[0].options.username')).toEqual(['Required: fill this in']);
  });

  it('names the place of an error in the words of the window', () => {
    const name = (path: string) => placeName(path, SETTINGS, [ENDER_TURING]);
    expect(name('profiles[0].options.baseUrl')).toBe('Ender Turing (et) › Server address');
    expect(name('profiles[1].id')).toBe('Sales team (sales) › Short id');
    expect(name('watch[0].destinations[1]')).toBe(
      'Folder /var/spool/monitor › Send recordings to › item 2',
    );
    expect(name('watch[1].path')).toBe('Folder 2 › Recordings folder');
    expect(name('upload.schedule[1].from')).toBe('Timetable row 2 › From');
    expect(name('upload.concurrency')).toBe('Uploads at the same time');
    expect(name('upload.afterUpload.archiveDir')).toBe('Archive folder');
    expect(name('(top level)')).toBe('Settings');
  });
});
