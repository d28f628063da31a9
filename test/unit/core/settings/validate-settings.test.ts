import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatSettingsErrors,
  loadSettingsFile,
  validateSettings,
} from '../../../../main/core/settings/load-settings.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

/** The config file shown in DESIGN.md, as users copy it. */
const designExample = {
  watch: [
    {
      path: '/var/spool/asterisk/monitor',
      recursive: true,
      destinations: ['et'],
      preset: 'enderturing',
    },
  ],
  profiles: [
    {
      id: 'et',
      connector: 'enderturing',
      options: {
        baseUrl: 'https://company.enderturing.com',
        username: 'uploader@company.com',
        language: 'en',
      },
    },
  ],
  upload: {
    concurrency: 2,
    bandwidthLimit: '2MB/s',
    schedule: [{ days: 'mon-fri', from: '08:00', to: '18:00', bandwidthLimit: '256KB/s' }],
    stableForSeconds: 5,
    afterUpload: { action: 'keep' },
  },
};

const etProfile = designExample.profiles[0] as (typeof designExample.profiles)[number];

/** The design example with one profile's options replaced. */
function withEtOptions(options: Record<string, unknown>, profile: Record<string, unknown> = {}) {
  return { ...designExample, profiles: [{ ...etProfile, ...profile, options }] };
}

function errorsOf(raw: unknown): string[] {
  const result = validateSettings(raw);
  return result.ok ? [] : formatSettingsErrors(result.errors).split('\n');
}

describe('settings', () => {
  it('accept the config file shown in DESIGN.md and fill in the defaults', () => {
    const result = validateSettings(designExample);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.watch[0]).toMatchObject({
      timeZone: 'UTC',
      usePolling: false,
      recursive: true,
    });
    expect(result.settings.profiles[0]).toMatchObject({
      id: 'et',
      connector: 'enderturing',
      allowInsecureHttp: false,
      options: {
        detailedRealtimeResults: false,
        advancedLanguageIdentification: false,
        allowMono: false,
      },
    });
  });

  it('give an empty configuration every default', () => {
    const result = validateSettings({});
    expect(result.ok && result.settings.upload).toEqual({
      concurrency: 2,
      schedule: [],
      stableForSeconds: 5,
      afterUpload: { action: 'keep' },
    });
  });

  it('refuse a plain http address for a remote host, in words', () => {
    expect(
      errorsOf(
        withEtOptions({
          ...etProfile.options,
          baseUrl: 'http://company.enderturing.com',
        }),
      ),
    ).toEqual([
      'profiles[0].options.baseUrl: must be an https:// URL (http is allowed only for 127.0.0.1/localhost, or with "allowInsecureHttp": true)',
    ]);
  });

  it('allow http for this computer, or when the profile explicitly allows it', () => {
    const options = etProfile.options;
    expect(errorsOf(withEtOptions({ ...options, baseUrl: 'http://127.0.0.1:8080' }))).toEqual([]);
    expect(errorsOf(withEtOptions({ ...options, baseUrl: 'http://localhost:8080' }))).toEqual([]);
    expect(
      errorsOf(
        withEtOptions({ ...options, baseUrl: 'http://pbx.lan' }, { allowInsecureHttp: true }),
      ),
    ).toEqual([]);
  });

  it('refuse a secret written into the file and say where it belongs', () => {
    expect(errorsOf(withEtOptions({ ...etProfile.options, password: 'hunter2' }))).toEqual([
      'profiles[0].options.password: is a secret and does not belong in the settings file: remove it and store it in the keychain with `call-courier secret set et password`',
    ]);
  });

  it('name the connectors when one is unknown', () => {
    const [error] = errorsOf({ profiles: [{ id: 'x', connector: 'gong', options: {} }] });
    expect(error).toBe(
      'profiles[0].connector: must be one of: "enderturing", "enderturing-sftp", "tethr", "authenticx", "behavioralsignals", "http"',
    );
  });

  it('report every problem at once, each with its path', () => {
    const errors = errorsOf({
      watch: [
        { path: '/rec', destinations: ['missing'], timeZone: 'Mars/Olympus', recursiv: false },
      ],
      profiles: [
        { id: 'et', connector: 'enderturing', options: { baseUrl: 'ftp://x', language: 'en' } },
      ],
      upload: {
        concurrency: 'two',
        bandwidthLimit: 'fast',
        schedule: [{ days: 'someday', from: '8', to: '18:00' }],
      },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        'watch[0].recursiv: is not a known setting: check its spelling, or remove it',
        'watch[0].timeZone: must be a time zone name such as "UTC" or "Europe/Kyiv"',
        'watch[0].destinations[0]: no profile has the id "missing" (profiles: et)',
        'profiles[0].options.username: is required (text in quotes)',
        'profiles[0].options.baseUrl: must be an https:// URL, not ftp://',
        'upload.concurrency: must be a number',
        'upload.bandwidthLimit: must be a rate such as "2MB/s", "256KB/s" or "off"',
        'upload.schedule[0].days: must be days such as "mon-fri", "sat,sun" or "daily"',
        'upload.schedule[0].from: must be a time of day as HH:MM, e.g. "08:00"',
      ]),
    );
    expect(errors).toHaveLength(9);
  });

  it('refuse two profiles with the same id', () => {
    const profile = etProfile;
    expect(errorsOf({ profiles: [profile, profile] })).toEqual([
      'profiles[1].id: "et" is already the id of profiles[0]: ids must be unique',
    ]);
  });

  it('accept an Authenticx locale written as a number', () => {
    const result = validateSettings({
      profiles: [{ id: 'ax', connector: 'authenticx', options: { clientId: 'c', localeId: 2058 } }],
    });
    expect(result.ok && result.settings.profiles[0]?.options).toMatchObject({
      baseUrl: 'https://api.beauthenticx.com',
      localeId: '2058',
    });
  });

  it('require an archive folder when recordings are moved after upload', () => {
    expect(errorsOf({ upload: { afterUpload: { action: 'move' } } })).toEqual([
      'upload.afterUpload.archiveDir: is required (text in quotes)',
    ]);
  });
});

describe('a config file', async () => {
  const dir = await tempDirForSuite();

  it('that is not JSON is refused with the parser’s position', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, '{ "watch": [ }');
    const result = await loadSettingsFile(path);
    expect(result.ok).toBe(false);
    expect(!result.ok && formatSettingsErrors(result.errors)).toMatch(
      /broken\.json: is not valid JSON: line 1, column 14: expected a value$/,
    );
  });

  it('that does not exist is named', async () => {
    const path = join(dir, 'nowhere.json');
    const result = await loadSettingsFile(path);
    expect(!result.ok && formatSettingsErrors(result.errors)).toBe(
      `${path}: cannot be read: no such file`,
    );
  });
});
