import type { PolicyInfo, SettingsUpdate } from '../../../preload/api.ts';
import { applyPolicy, lockedChanges } from './apply-policy.ts';
import type { Policy } from './load-policy.ts';

/** Settings a person sent, held against the policy: refused when they change a lock, else in force. */
export type GatedSettings =
  | { readonly ok: true; readonly effective: unknown }
  | { readonly ok: false; readonly refusal: SettingsUpdate };

/** Refuses settings that change a locked value; otherwise answers them with the policy applied. */
export function gateSettings(raw: unknown, policy: Policy | null): GatedSettings {
  const errors = lockedChanges(raw, policy);
  if (errors.length > 0) return { ok: false, refusal: { ok: false, locked: true, errors } };
  return { ok: true, effective: applyPolicy(raw, policy) };
}

/** What the window is told of the policy: its file and each locked setting with its reason. */
export function policyInfo(policy: Policy | null): PolicyInfo {
  if (policy === null) return { file: null, locked: [] };
  return {
    file: policy.file,
    locked: policy.locked.map((path) => ({ path, reason: policy.reason })),
  };
}
