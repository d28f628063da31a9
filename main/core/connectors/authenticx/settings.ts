import type { Profile } from '../../settings/schema.ts';
import { ConfigurationError } from '../errors.ts';
import type { LocaleId } from './api-types.ts';

/** Where Authenticx files a profile's calls. */
export interface HierarchySettings {
  readonly id?: string;
  readonly code?: string;
  /** Also place the agent in that hierarchy. */
  readonly applyToAgent: boolean;
}

/** An Authenticx profile's options, checked. */
export interface AuthenticxSettings {
  readonly clientId: string;
  /** Absent: Authenticx's default language (English). */
  readonly localeId?: LocaleId;
  /** Absent: Authenticx files calls by its own rules. */
  readonly hierarchy?: HierarchySettings;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads and checks a profile's Authenticx options; a missing or wrong one is a ConfigurationError. */
export function authenticxSettings(profile: Profile): AuthenticxSettings {
  const { options, id } = profile;
  const clientId = text(options.clientId);
  if (clientId === undefined) throw new ConfigurationError(`no client id set for profile ${id}`);
  const localeId = locale(options.localeId, id);
  const hierarchy = hierarchySettings(profile);
  return {
    clientId,
    ...(localeId === undefined ? {} : { localeId }),
    ...(hierarchy === undefined ? {} : { hierarchy }),
  };
}

function locale(value: unknown, profileId: string): LocaleId | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (number === 1033 || number === 2058) return number;
  throw new ConfigurationError(
    `the language (localeId) of profile ${profileId} is ${JSON.stringify(value)}: Authenticx takes 1033 (English) or 2058 (Spanish)`,
  );
}

function hierarchySettings({ options, id: profileId }: Profile): HierarchySettings | undefined {
  const id = text(options.hierarchyId);
  const code = text(options.hierarchyCode);
  const applyToAgent = options.applyHierarchyToAgent === true;
  if (id !== undefined && !GUID.test(id)) {
    throw new ConfigurationError(
      `the hierarchy id of profile ${profileId} is "${id}", which is not an Authenticx id such as 00000000-0000-0000-0000-000000000002`,
    );
  }
  if (id === undefined && code === undefined) {
    if (!applyToAgent) return undefined;
    throw new ConfigurationError(
      `profile ${profileId} applies the hierarchy to agents (applyHierarchyToAgent) but names none: set hierarchyCode or hierarchyId`,
    );
  }
  return {
    ...(id === undefined ? {} : { id }),
    ...(code === undefined ? {} : { code }),
    applyToAgent,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
