import type { ConnectorInfo, SettingsError } from '../../../../preload/api.ts';
import { readOptionText, requiredOptions } from '../settings/option-values.ts';
import { newProfileId, profileIds } from '../settings/settings-draft.ts';
import { listAt, parsePathKey, withValueAt, type JsonObject } from '../settings/settings-path.ts';

/** The steps of the first-run setup, in order. */
export const SETUP_STEPS = ['folder', 'platform', 'secret', 'test', 'save'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** What the steps of the setup gathered. */
export interface SetupAnswers {
  readonly folder: string;
  readonly timeZone: string;
  readonly connector: string;
  /** The platform's options as typed (secrets apart). */
  readonly options: JsonObject;
  /** Secrets typed, by field: they go to the keychain, never into the settings. */
  readonly secrets: Readonly<Record<string, string>>;
}

/** The settings the setup saves, and where its folder and destination sit in them. */
export interface SetupSettings {
  readonly settings: unknown;
  readonly folderIndex: number;
  readonly profileIndex: number;
  readonly profileId: string;
}

/**
 * The settings found at the start with this setup's destination and folder added at the end;
 * everything already there is kept. Built from the same starting settings each time, so
 * saving again after going back replaces what the setup saved before instead of adding twice.
 */
export function settingsWithSetup(start: unknown, answers: SetupAnswers): SetupSettings {
  const profileId = newProfileId(answers.connector, profileIds(start));
  const profiles = listAt(start, ['profiles']);
  const folders = listAt(start, ['watch']);
  const profile: JsonObject = {
    id: profileId,
    connector: answers.connector,
    options: answers.options,
  };
  const folder: JsonObject = {
    path: answers.folder.trim(),
    destinations: [profileId],
    ...(answers.timeZone.trim() !== '' && { timeZone: answers.timeZone.trim() }),
  };
  const withProfile = withValueAt(start, ['profiles'], [...profiles, profile]);
  return {
    settings: withValueAt(withProfile, ['watch'], [...folders, folder]),
    folderIndex: folders.length,
    profileIndex: profiles.length,
    profileId,
  };
}

/** The step whose fields a refused setting belongs to; null when it is none of the setup's. */
export function stepOfError(
  error: SettingsError,
  placed: SetupSettings,
  connector: ConnectorInfo | undefined,
): SetupStep | null {
  const [list, index, field, name] = parsePathKey(error.path);
  if (list === 'watch' && index === placed.folderIndex) return 'folder';
  if (list !== 'profiles' || index !== placed.profileIndex) return null;
  const secret = field === 'options' && connector?.options.some((o) => o.name === name && o.secret);
  return secret ? 'secret' : 'platform';
}

/**
 * What is missing or unreadable in one step's answers, by field (`path`, `timeZone`,
 * `connector` or an option's name), in plain words; empty when the step may be left.
 */
export function stepProblems(
  step: SetupStep,
  answers: SetupAnswers,
  connector: ConnectorInfo | undefined,
): Readonly<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (step === 'folder' && answers.folder.trim() === '') {
    problems.path = 'Type the folder the recorder writes its calls into.';
  }
  if (step === 'platform') {
    if (!connector) problems.connector = 'Choose the platform the recordings go to.';
    for (const option of requiredOptions(connector?.options ?? []).plain) {
      if (answers.options[option.name] === undefined)
        problems[option.name] = `Fill in ${option.label}.`;
    }
    for (const option of connector?.options ?? []) {
      const value = answers.options[option.name];
      if (typeof value !== 'string' || option.type === 'string' || option.type === 'url') continue;
      const reading = readOptionText(option, value);
      if (!reading.ok) problems[option.name] = reading.problem;
    }
  }
  if (step === 'secret') {
    for (const option of requiredOptions(connector?.options ?? []).secrets) {
      if ((answers.secrets[option.name] ?? '') === '')
        problems[option.name] = `Type the ${option.label.toLowerCase()}.`;
    }
  }
  return problems;
}

/** The secret fields the setup asks for: the required ones, or all when none is required. */
export function setupSecrets(connector: ConnectorInfo | undefined): ConnectorInfo['options'] {
  const options = connector?.options ?? [];
  const { secrets } = requiredOptions(options);
  return secrets.length > 0 ? secrets : options.filter((o) => o.secret);
}
