import { findConnector } from '../connectors/registry.ts';
import type { SecretStore } from '../secrets/secret-store.ts';

/** How long one keychain read may take before it is given up (a locked keychain may ask a person). */
const READ_TIMEOUT_MS = 5_000;

/**
 * The values of every secret field of every profile in the settings (as written, even with
 * mistakes elsewhere) that the store holds, so that a bundle made outside the service can still
 * remove them. A keychain that cannot be reached gives none.
 */
export async function storedSecretValues(
  rawSettings: unknown,
  store: SecretStore,
): Promise<string[]> {
  const profiles = (rawSettings as { profiles?: unknown } | null)?.profiles;
  const reads = (Array.isArray(profiles) ? profiles : []).flatMap((profile: unknown) => {
    const { id, connector } = (profile ?? {}) as { id?: unknown; connector?: unknown };
    if (typeof id !== 'string' || typeof connector !== 'string') return [];
    return (findConnector(connector)?.options ?? [])
      .filter((option) => option.secret)
      .map((option) => withTimeout(store.get(id, option.name)));
  });
  const values = await Promise.all(reads);
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}

function withTimeout(read: Promise<string | null>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS);
  });
  return Promise.race([read.catch(() => null), late]).finally(() => clearTimeout(timer));
}
