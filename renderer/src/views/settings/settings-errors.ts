import type { ConnectorInfo, SettingsError } from '../../../../preload/api.ts';
import {
  AFTER_UPLOAD_LABELS,
  BACKFILL_LABELS,
  FOLDER_LABELS,
  PROFILE_LABELS,
  SCHEDULE_LABELS,
  UPLOAD_LABELS,
} from './field-labels.ts';
import { parsePathKey, valueAt, type SettingsPath } from './settings-path.ts';

/**
 * The messages of the errors at a field's path. `within` also takes those below it: a list of
 * destinations shows the error of its second entry, a map field those of its keys.
 */
export function errorsAt(
  errors: readonly SettingsError[],
  key: string,
  within = false,
): readonly string[] {
  return errors
    .filter(
      (e) =>
        e.path === key ||
        (within && (e.path.startsWith(`${key}.`) || e.path.startsWith(`${key}[`))),
    )
    .map((e) => sentence(e.message));
}

/**
 * The service writes lower-case clauses ("must not be empty"); the window shows sentences.
 * "is required (text in quotes)" speaks of the config file's JSON: the form says "Required".
 */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/^is required \([^)]*\)$/, 'required: fill this in');
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

const SECTION_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  upload: UPLOAD_LABELS,
  afterUpload: AFTER_UPLOAD_LABELS,
  backfill: BACKFILL_LABELS,
};

/**
 * Where an error is, in the words the window uses: "Ender Turing (et) › Server address",
 * "Folder /var/spool/monitor › Send recordings to", "Timetable row 2 › From".
 */
export function placeName(
  path: string,
  settings: unknown,
  connectors: readonly ConnectorInfo[],
): string {
  const steps = parsePathKey(path);
  const [head, index, field, ...rest] = steps;
  if (head === 'watch' && typeof index === 'number') {
    const where = folderName(settings, index);
    return join(where, field === undefined ? undefined : word(FOLDER_LABELS, field), rest);
  }
  if (head === 'profiles' && typeof index === 'number') {
    const where = profileName(settings, index, connectors);
    if (field === 'options' && typeof rest[0] === 'string') {
      const connector = connectorAt(settings, index, connectors);
      const option = connector?.options.find((o) => o.name === rest[0]);
      return join(where, option?.label ?? rest[0], rest.slice(1));
    }
    return join(where, field === undefined ? undefined : word(PROFILE_LABELS, field), rest);
  }
  if (head === 'upload' && index === 'schedule' && typeof field === 'number') {
    return join(
      `Timetable row ${field + 1}`,
      rest[0] === undefined ? undefined : word(SCHEDULE_LABELS, rest[0]),
      rest.slice(1),
    );
  }
  if (head === 'upload' && index === 'afterUpload' && field !== undefined) {
    return join(word(AFTER_UPLOAD_LABELS, field), undefined, rest);
  }
  if (typeof head === 'string' && SECTION_WORDS[head]) {
    return join(
      index === undefined ? head : word(SECTION_WORDS[head] ?? {}, index),
      undefined,
      field === undefined ? rest : [field, ...rest],
    );
  }
  return steps.length === 0 ? 'Settings' : path;
}

function folderName(settings: unknown, index: number): string {
  const path = valueAt(settings, ['watch', index, 'path']);
  return typeof path === 'string' && path !== '' ? `Folder ${path}` : `Folder ${index + 1}`;
}

function connectorAt(
  settings: unknown,
  index: number,
  connectors: readonly ConnectorInfo[],
): ConnectorInfo | undefined {
  const id = valueAt(settings, ['profiles', index, 'connector']);
  return connectors.find((c) => c.id === id);
}

function profileName(
  settings: unknown,
  index: number,
  connectors: readonly ConnectorInfo[],
): string {
  const label = valueAt(settings, ['profiles', index, 'label']);
  const id = valueAt(settings, ['profiles', index, 'id']);
  const name =
    (typeof label === 'string' && label) ||
    connectorAt(settings, index, connectors)?.label ||
    `Destination ${index + 1}`;
  return typeof id === 'string' && id !== '' && id !== name ? `${name} (${id})` : name;
}

function word(labels: Readonly<Record<string, string>>, step: string | number): string {
  return typeof step === 'string' ? (labels[step] ?? step) : `item ${step + 1}`;
}

function join(where: string, field: string | undefined, rest: SettingsPath): string {
  const tail = rest.map((step) => (typeof step === 'number' ? `item ${step + 1}` : step));
  return [where, ...(field === undefined ? [] : [field]), ...tail].join(' › ');
}
