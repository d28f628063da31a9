import { describe, expect, it } from 'vitest';
import type { ConnectorInfo } from '../../../preload/api.ts';
import {
  settingsWithSetup,
  setupSecrets,
  stepOfError,
  stepProblems,
  type SetupAnswers,
} from '../../../renderer/src/views/setup/setup-plan.ts';

const ENDER_TURING: ConnectorInfo = {
  id: 'enderturing',
  label: 'Ender Turing',
  summary: '',
  docsUrl: '',
  capabilities: { formats: 'WAV', requiresStereo: true },
  options: [
    { name: 'baseUrl', label: 'Server address', type: 'url', help: '', required: true },
    { name: 'username', label: 'Username', type: 'string', help: '', required: true },
    { name: 'password', label: 'Password', type: 'string', help: '', required: true, secret: true },
    {
      name: 'language',
      label: 'Language',
      type: 'string',
      help: '',
      required: true,
      default: 'en',
    },
  ],
};

const ANSWERS: SetupAnswers = {
  folder: ' /var/spool/asterisk/monitor ',
  timeZone: 'Europe/Kyiv',
  connector: 'enderturing',
  options: { baseUrl: 'https://acme.enderturing.com', username: 'uploader@acme.com' },
  secrets: { password: 'pw' },
};

describe('the first-run setup', () => {
  it('saves the folder sending to the new destination, the password nowhere in the settings', () => {
    const placed = settingsWithSetup({}, ANSWERS);
    expect(placed).toEqual({
      settings: {
        profiles: [
          {
            id: 'enderturing',
            connector: 'enderturing',
            options: { baseUrl: 'https://acme.enderturing.com', username: 'uploader@acme.com' },
          },
        ],
        watch: [
          {
            path: '/var/spool/asterisk/monitor',
            destinations: ['enderturing'],
            timeZone: 'Europe/Kyiv',
          },
        ],
      },
      folderIndex: 0,
      profileIndex: 0,
      profileId: 'enderturing',
    });
    expect(JSON.stringify(placed.settings)).not.toContain('pw');
  });

  it('keeps what the settings had, and adds rather than duplicates when saved again', () => {
    const start = {
      profiles: [{ id: 'enderturing', connector: 'enderturing', options: {} }],
      upload: { concurrency: 4 },
    };
    const first = settingsWithSetup(start, ANSWERS);
    const again = settingsWithSetup(start, { ...ANSWERS, folder: '/srv/calls' });
    expect(first.profileId).toBe('enderturing-2');
    expect(again.settings).toMatchObject({
      upload: { concurrency: 4 },
      watch: [{ path: '/srv/calls', destinations: ['enderturing-2'] }],
    });
    expect((again.settings as { profiles: unknown[] }).profiles).toHaveLength(2);
    expect(again).toMatchObject({ folderIndex: 0, profileIndex: 1 });
  });

  it('goes back to the step of a refused setting', () => {
    const placed = settingsWithSetup({ profiles: [{ id: 'x', connector: 'tethr' }] }, ANSWERS);
    const step = (path: string) => stepOfError({ path, message: '' }, placed, ENDER_TURING);
    expect(step('watch[0].path')).toBe('folder');
    expect(step('profiles[1].options.baseUrl')).toBe('platform');
    expect(step('profiles[1].options.password')).toBe('secret');
    expect(step('profiles[0].options.clientId')).toBeNull();
    expect(step('upload.concurrency')).toBeNull();
  });

  it('asks for the folder, each required setting and the password before going on', () => {
    const empty: SetupAnswers = { ...ANSWERS, folder: ' ', options: {}, secrets: {} };
    expect(stepProblems('folder', empty, ENDER_TURING)).toEqual({
      path: 'Type the folder the recorder writes its calls into.',
    });
    expect(stepProblems('platform', empty, ENDER_TURING)).toEqual({
      baseUrl: 'Fill in Server address.',
      username: 'Fill in Username.',
    });
    expect(stepProblems('secret', empty, ENDER_TURING)).toEqual({
      password: 'Type the password.',
    });
    expect(stepProblems('platform', ANSWERS, undefined)).toEqual({
      connector: 'Choose the platform the recordings go to.',
    });
    for (const step of ['folder', 'platform', 'secret', 'test', 'save'] as const) {
      expect(stepProblems(step, ANSWERS, ENDER_TURING)).toEqual({});
    }
  });

  it('asks for every secret of a platform that requires none (they depend on its sign-in)', () => {
    const http: ConnectorInfo = {
      ...ENDER_TURING,
      options: [
        { name: 'token', label: 'Token', type: 'string', help: '', secret: true },
        { name: 'apiKey', label: 'API key', type: 'string', help: '', secret: true },
      ],
    };
    expect(setupSecrets(http).map((o) => o.name)).toEqual(['token', 'apiKey']);
    expect(setupSecrets(ENDER_TURING).map((o) => o.name)).toEqual(['password']);
  });
});
