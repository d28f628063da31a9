import { applyPolicy } from '../core/policy/apply-policy.ts';
import { loadPolicy, type Policy } from '../core/policy/load-policy.ts';
import { policyFilePath } from '../core/policy/policy-path.ts';
import type { SettingsError } from '../core/settings/cross-checks.ts';
import { validateSettings } from '../core/settings/load-settings.ts';
import { secretLookingValues } from '../core/settings/secret-looking.ts';

/** A settings document checked for export or import: the machine policy, or what is wrong. */
export type CheckedDocument =
  | { readonly ok: true; readonly policy: Policy | null }
  | { readonly ok: false; readonly problem: string };

/**
 * Checks a settings document as `call-courier run` would (with the machine policy applied),
 * and refuses anything that looks like a secret, so that no settings file carries one.
 */
export async function checkSettingsDocument(file: string, raw: unknown): Promise<CheckedDocument> {
  const policy = await loadPolicy(policyFilePath());
  if (!policy.ok) return { ok: false, problem: policy.message };
  const checked = validateSettings(applyPolicy(raw, policy.policy));
  const errors: SettingsError[] = checked.ok ? secretLookingValues(raw) : [...checked.errors];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.path}: ${e.message}`).join('\n');
    return { ok: false, problem: `${file} has problems:\n${lines}` };
  }
  return { ok: true, policy: policy.policy };
}
