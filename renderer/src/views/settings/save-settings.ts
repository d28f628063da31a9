import type { CourierApi, SettingsError } from '../../../../preload/api.ts';
import { messageOf } from '../../client/api-error.ts';
import { valueAt } from './settings-path.ts';

/** Secrets typed and not yet stored, by destination key, then field. */
export type PendingSecrets = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** How a save ended (a failure to reach the service is thrown). */
export type SaveOutcome =
  | { readonly kind: 'refused'; readonly errors: readonly SettingsError[] }
  | {
      readonly kind: 'saved';
      /** Why a secret could not be stored, by `profileKey/field`. */
      readonly secretErrors: Readonly<Record<string, string>>;
      /** The secrets that were not stored, kept so that saving again retries them. */
      readonly stillPending: PendingSecrets;
    };

/**
 * Saves the settings, then each secret typed for a destination, under the destination's id as
 * saved (a new destination must exist before its password can be stored). Nothing of the
 * secrets is sent when the settings are refused.
 */
export async function saveWithSecrets(
  client: Pick<CourierApi, 'putSettings' | 'setSecret'>,
  draft: unknown,
  profileKeys: readonly string[],
  pending: PendingSecrets,
): Promise<SaveOutcome> {
  const update = await client.putSettings(draft);
  if (!update.ok) return { kind: 'refused', errors: update.errors };
  const secretErrors: Record<string, string> = {};
  const stillPending: Record<string, Record<string, string>> = {};
  for (const [index, key] of profileKeys.entries()) {
    const id = valueAt(draft, ['profiles', index, 'id']);
    for (const [field, value] of Object.entries(pending[key] ?? {})) {
      if (value === '' || typeof id !== 'string') continue;
      try {
        await client.setSecret(id, field, value);
      } catch (failure) {
        secretErrors[`${key}/${field}`] = messageOf(failure);
        stillPending[key] = { ...stillPending[key], [field]: value };
      }
    }
  }
  return { kind: 'saved', secretErrors, stillPending };
}
