import { HttpError } from './http-answers.ts';

/**
 * Who a token speaks for. The admin token may do everything; the monitor token may only read
 * what a supervisor or a monitoring system watches (status, recordings, events, metrics).
 */
export type ApiRole = 'admin' | 'monitor';

/** The tokens the local API accepts: the admin's, and optionally a read-only monitor's. */
export interface ApiTokens {
  readonly admin: string;
  readonly monitor?: string;
}

/** Whether a caller with `role` may call a route that needs `needs`. */
export function mayCall(role: ApiRole, needs: ApiRole): boolean {
  return role === 'admin' || needs === 'monitor';
}

/** Refuses (403) a monitor token on a route that needs the admin token. */
export function checkRole(role: ApiRole, needs: ApiRole): void {
  if (mayCall(role, needs)) return;
  throw new HttpError(
    403,
    'the monitor token can only read status, recordings, events and metrics: this needs the admin token',
  );
}

/** Refuses tokens the API cannot tell apart or that are empty. */
export function checkTokens(tokens: ApiTokens): void {
  if (tokens.admin.length === 0) throw new Error('the local API needs an access token');
  if (tokens.monitor === undefined) return;
  if (tokens.monitor.length === 0) throw new Error('the monitor token is empty');
  if (tokens.monitor === tokens.admin) {
    throw new Error('the monitor token must differ from the admin token (api-token)');
  }
}
