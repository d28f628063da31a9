/** The secret field that holds a watched workstation's monitor token. */
export const MONITOR_TOKEN_FIELD = 'monitorToken';

/**
 * The keychain name a workstation's monitor token is kept under: `supervisor-<id>`/monitorToken
 * (in the environment, CALL_COURIER_SUPERVISOR_<ID>_MONITOR_TOKEN).
 */
export function workstationSecretName(id: string): string {
  return `supervisor-${id}`;
}
