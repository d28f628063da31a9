import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../json-text.ts';
import type { SettingsError } from '../settings/cross-checks.ts';
import { describeIssues } from '../settings/format-issues.ts';
import { settingsSchema } from '../settings/schema.ts';
import { valueAtPath } from './settings-paths.ts';
import { policyFileSchema } from './policy-schema.ts';

/** The machine policy in force: where it came from, what it presets, what it locks and why. */
export interface Policy {
  readonly file: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly locked: readonly string[];
  readonly reason: string;
}

/** No policy file (null), the policy, or a sentence naming the file and everything wrong with it. */
export type PolicyResult =
  | { readonly ok: true; readonly policy: Policy | null }
  | { readonly ok: false; readonly message: string };

/** Reads and checks the policy file; a missing file is no policy, a broken one is an error. */
export async function loadPolicy(file: string): Promise<PolicyResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, policy: null };
    return broken(file, [
      { path: '(file)', message: `cannot be read: ${(error as Error).message}` },
    ]);
  }
  const json = parseJsonText(text);
  if (!json.ok)
    return broken(file, [{ path: '(file)', message: `is not valid JSON: ${json.error}` }]);
  const parsed = policyFileSchema.safeParse(json.value);
  if (!parsed.success) return broken(file, describeIssues(parsed.error.issues, json.value));
  const { settings, locked, reason } = parsed.data;
  const problems: SettingsError[] = [];
  const checked = settingsSchema.safeParse(settings);
  if (!checked.success) {
    problems.push(
      ...describeIssues(checked.error.issues, settings).map((e) => ({
        path: e.path === '(top level)' ? 'settings' : `settings.${e.path}`,
        message: e.message,
      })),
    );
  }
  locked.forEach((path, i) => {
    if (valueAtPath(settings, path) === undefined) {
      problems.push({
        path: `locked[${i}]`,
        message: `locks "${path}" but "settings" gives it no value: add the value to lock it to`,
      });
    }
  });
  if (problems.length > 0) return broken(file, problems);
  return { ok: true, policy: { file, settings, locked, reason } };
}

function broken(file: string, problems: readonly SettingsError[]): PolicyResult {
  const lines = problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
  return {
    ok: false,
    message:
      `the machine policy file ${file} has problems, so Call Courier does not start ` +
      `(a broken policy must not unlock what it locks). Fix the file, or ask whoever manages this computer:\n${lines}`,
  };
}
