import { isDeepStrictEqual } from 'node:util';
import type { SettingsError } from '../settings/cross-checks.ts';
import type { Policy } from './load-policy.ts';
import { isPlainObject, valueAtPath, withValueAtPath } from './settings-paths.ts';

/**
 * The settings in force: the user's own, with the policy's presets where the user set nothing
 * and the policy's value at every locked path.
 */
export function applyPolicy(raw: unknown, policy: Policy | null): unknown {
  if (policy === null) return raw;
  let merged: unknown = withPresets(isPlainObject(raw) ? raw : {}, policy.settings);
  for (const path of policy.locked) {
    merged = withValueAtPath(merged, path, structuredClone(valueAtPath(policy.settings, path)));
  }
  return merged;
}

/** Every locked setting that `raw` gives another value than the policy, as a refusal naming why. */
export function lockedChanges(raw: unknown, policy: Policy | null): SettingsError[] {
  if (policy === null) return [];
  return policy.locked
    .filter(
      (path) => !isDeepStrictEqual(valueAtPath(raw, path), valueAtPath(policy.settings, path)),
    )
    .map((path) => ({ path, message: lockedMessage(policy) }));
}

/** Why a locked setting cannot be changed, as the API and the window say it. */
export function lockedMessage(policy: Policy): string {
  return `is locked by the machine policy (${policy.file}) and cannot be changed here: ${policy.reason}`;
}

function withPresets(
  user: Readonly<Record<string, unknown>>,
  preset: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...user };
  for (const [key, value] of Object.entries(preset)) {
    const own = user[key];
    if (own === undefined) merged[key] = structuredClone(value);
    else if (isPlainObject(own) && isPlainObject(value)) merged[key] = withPresets(own, value);
  }
  return merged;
}
