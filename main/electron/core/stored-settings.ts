/** The desktop app's settings as stored, checked with the config file's own rules. Pure. */
import { applyPolicy } from '../../core/policy/apply-policy.ts';
import type { Policy } from '../../core/policy/load-policy.ts';
import { validateSettings } from '../../core/settings/load-settings.ts';
import type { Settings } from '../../core/settings/schema.ts';
import type { SettingsError } from '../../core/settings/cross-checks.ts';

/** What the app starts with. */
export interface StoredSettings {
  /** As stored, with the machine policy applied: what the settings view shows and edits (also when it has problems). */
  readonly raw: unknown;
  /** What the core runs with: the stored settings, or empty ones (nothing watched) while they have problems. */
  readonly settings: Settings;
  readonly problems: readonly SettingsError[];
}

/** Validates stored settings; settings with problems are kept for a person to fix, and nothing runs meanwhile. */
export function readStoredSettings(stored: unknown, policy: Policy | null = null): StoredSettings {
  const raw = applyPolicy(stored, policy);
  const result = validateSettings(raw);
  if (result.ok) return { raw, settings: result.settings, problems: [] };
  const empty = validateSettings({});
  if (!empty.ok) throw new Error('the empty settings do not validate: this is a bug');
  return { raw, settings: empty.settings, problems: result.errors };
}
