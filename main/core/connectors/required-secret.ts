import type { ConnectorContext } from './connector.ts';
import { ConfigurationError } from './errors.ts';

/**
 * The profile's secret `field`, read afresh. A missing or empty one is a ConfigurationError
 * that calls it `what` and names the command that stores it.
 */
export async function requiredSecret(
  context: Pick<ConnectorContext, 'profile' | 'secret'>,
  field: string,
  what: string = field,
): Promise<string> {
  const value = await context.secret(field);
  if (value === null || value === '') {
    const { id } = context.profile;
    throw new ConfigurationError(
      `no ${what} stored for profile ${id}: run \`call-courier secret set ${id} ${field}\``,
    );
  }
  return value;
}
