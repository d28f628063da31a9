import type { ConnectorDeclaration } from '../connectors/declaration.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

/**
 * Whether each secret field a connector declares has a value stored for a profile. Values
 * are looked at only to know they are there: none leaves this function.
 */
export async function secretsStored(
  secrets: SecretStore,
  profileId: string,
  connector: ConnectorDeclaration | undefined,
): Promise<Record<string, boolean>> {
  const fields = (connector?.options ?? []).filter((o) => o.secret).map((o) => o.name);
  const stored = await Promise.all(
    fields.map(async (field) => ((await secrets.get(profileId, field)) ?? '') !== ''),
  );
  return Object.fromEntries(fields.map((field, i) => [field, stored[i] ?? false]));
}
