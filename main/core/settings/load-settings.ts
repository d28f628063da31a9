import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../json-text.ts';
import { crossCheckSettings, type SettingsError } from './cross-checks.ts';
import { describeIssues } from './format-issues.ts';
import { settingsSchema, type Settings } from './schema.ts';

/** The outcome of validating settings: the settings, or every problem found. */
export type SettingsResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly errors: readonly SettingsError[] };

/** Validates settings from any source (config file, desktop store, API), reporting every problem at once. */
export function validateSettings(raw: unknown): SettingsResult {
  const parsed = settingsSchema.safeParse(raw);
  const errors = [
    ...(parsed.success ? [] : describeIssues(parsed.error.issues, raw)),
    ...crossCheckSettings(raw),
  ];
  if (errors.length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, settings: parsed.data as Settings };
}

/** Reads and validates a JSON config file. */
export async function loadSettingsFile(path: string): Promise<SettingsResult> {
  const read = await readSettingsJson(path);
  return read.ok ? validateSettings(read.raw) : read;
}

/** Reads a JSON config file as it is written, not yet validated. */
export async function readSettingsJson(
  path: string,
): Promise<
  | { readonly ok: true; readonly raw: unknown }
  | { readonly ok: false; readonly errors: SettingsError[] }
> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : (error as Error).message;
    return { ok: false, errors: [{ path, message: `cannot be read: ${reason}` }] };
  }
  const json = parseJsonText(text);
  if (!json.ok)
    return { ok: false, errors: [{ path, message: `is not valid JSON: ${json.error}` }] };
  return { ok: true, raw: json.value };
}

/** One line per problem, as the CLI and logs print them. */
export function formatSettingsErrors(errors: readonly SettingsError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
