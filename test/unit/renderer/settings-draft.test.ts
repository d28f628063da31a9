import { describe, expect, it } from 'vitest';
import {
  addFolder,
  addProfile,
  changeConnector,
  changeProfileId,
  newProfileId,
  removeProfile,
  withDestination,
} from '../../../renderer/src/views/settings/settings-draft.ts';
import { withValueAt } from '../../../renderer/src/views/settings/settings-path.ts';

/** Settings as written by hand, with keys this window does not know. */
const HAND_WRITTEN = {
  $schema: './config.schema.json',
  futureSetting: { keep: 'me' },
  watch: [
    { path: '/rec/a', destinations: ['et', 'tethr'], usePolling: true, note: 'share' },
    { path: '/rec/b', destinations: ['tethr'] },
  ],
  profiles: [
    { id: 'et', connector: 'enderturing', options: { username: 'u', customKey: 1 }, when: {} },
    { id: 'tethr', connector: 'tethr', options: {} },
  ],
  upload: { concurrency: 3, somethingNew: true },
};

describe('editing the settings in the window', () => {
  it('keeps every key it does not edit, known or not', () => {
    const edited = withValueAt(HAND_WRITTEN, ['profiles', 0, 'options', 'username'], 'ann');
    expect(edited).toEqual({
      ...HAND_WRITTEN,
      profiles: [
        { ...HAND_WRITTEN.profiles[0], options: { username: 'ann', customKey: 1 } },
        HAND_WRITTEN.profiles[1],
      ],
    });
    expect(HAND_WRITTEN.profiles[0]?.options.username).toBe('u');
  });

  it('clears a field by leaving its key out, so that its default applies', () => {
    const cleared = withValueAt(HAND_WRITTEN, ['upload', 'concurrency'], undefined);
    expect(cleared).toMatchObject({ upload: { somethingNew: true } });
    expect((cleared as typeof HAND_WRITTEN).upload).not.toHaveProperty('concurrency');
  });

  it('removing a destination also takes it out of every folder that sent to it', () => {
    const removed = removeProfile(HAND_WRITTEN, 1) as typeof HAND_WRITTEN;
    expect(removed.profiles.map((p) => p.id)).toEqual(['et']);
    expect(removed.watch.map((w) => w.destinations)).toEqual([['et'], []]);
    expect(removed.watch[0]).toMatchObject({ usePolling: true, note: 'share' });
  });

  it('renaming a new destination renames it in the folders that send to it', () => {
    const renamed = changeProfileId(HAND_WRITTEN, 1, 'tethr-office') as typeof HAND_WRITTEN;
    expect(renamed.profiles[1]?.id).toBe('tethr-office');
    expect(renamed.watch.map((w) => w.destinations)).toEqual([
      ['et', 'tethr-office'],
      ['tethr-office'],
    ]);
  });

  it('a new destination gets a short id no other has', () => {
    expect(newProfileId('tethr', ['et'])).toBe('tethr');
    expect(newProfileId('tethr', ['tethr', 'tethr-2'])).toBe('tethr-3');
    const added = addProfile(HAND_WRITTEN, 'tethr') as typeof HAND_WRITTEN;
    expect(added.profiles.at(-1)).toEqual({ id: 'tethr-2', connector: 'tethr', options: {} });
  });

  it('switching a destination to another platform drops the old platform options only', () => {
    const switched = changeConnector(HAND_WRITTEN, 0, 'authenticx') as typeof HAND_WRITTEN;
    expect(switched.profiles[0]).toEqual({
      id: 'et',
      connector: 'authenticx',
      options: {},
      when: {},
    });
  });

  it('ticks and unticks a destination of a folder', () => {
    const on = withDestination(HAND_WRITTEN, 1, 'et', true) as typeof HAND_WRITTEN;
    expect(on.watch[1]?.destinations).toEqual(['tethr', 'et']);
    const off = withDestination(on, 1, 'tethr', false) as typeof HAND_WRITTEN;
    expect(off.watch[1]?.destinations).toEqual(['et']);
  });

  it('adds a folder to settings that had none', () => {
    expect(addFolder({}, { path: '/rec', destinations: ['et'], timeZone: 'Europe/Kyiv' })).toEqual({
      watch: [{ path: '/rec', destinations: ['et'], timeZone: 'Europe/Kyiv' }],
    });
  });
});
