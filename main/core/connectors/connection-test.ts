import type { ConnectionTest } from './connector.ts';
import { isDeliveryError } from './errors.ts';

/**
 * The outcome of a "Test connection" check: what `run` answers, or its delivery error's
 * message as a failed test. Any other error is a bug and is thrown on.
 */
export async function connectionTestFrom(
  run: () => Promise<ConnectionTest>,
): Promise<ConnectionTest> {
  try {
    return await run();
  } catch (error) {
    if (isDeliveryError(error)) return { ok: false, message: error.message };
    throw error;
  }
}
