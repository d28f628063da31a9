/**
 * The IPC handlers, one per channel: drop messages from foreign senders, validate the arguments
 * (zod), then call the command. Pure: no electron import; register-ipc.ts hands them to ipcMain.
 */
import type { z } from 'zod';
import type { CourierApi } from '../../../preload/api.ts';
import type { DesktopExtras } from '../../../preload/desktop-api.ts';
import {
  API_METHODS,
  DESKTOP_METHODS,
  invokeChannel,
  type ApiMethod,
  type DesktopMethod,
  type InvokeMethod,
} from '../../../preload/ipc-channels.ts';
import { INVOKE_SCHEMAS } from './invoke-schemas.ts';

/** The commands the handlers call: the core's contract, and the desktop extras. */
export interface IpcTargets {
  readonly api: Pick<CourierApi, ApiMethod>;
  readonly desktop: Pick<DesktopExtras, DesktopMethod>;
}

/** One channel's handler, as `ipcMain.handle` takes it. */
export type IpcHandler<E> = (event: E, ...args: unknown[]) => Promise<unknown>;

/** Thrown to the window when a message is refused (the window shows its message). */
export class RefusedMessageError extends Error {
  override readonly name = 'RefusedMessageError';
}

/** The handler of every channel, keyed by channel name. */
export function createIpcHandlers<E>(
  targets: IpcTargets,
  isTrusted: (event: E) => boolean,
): ReadonlyMap<string, IpcHandler<E>> {
  const handlers = new Map<string, IpcHandler<E>>();
  const add = (
    method: InvokeMethod,
    call: (args: readonly unknown[]) => Promise<unknown>,
  ): void => {
    const schema: z.ZodType<readonly unknown[]> = INVOKE_SCHEMAS[method];
    handlers.set(invokeChannel(method), async (event, ...args) => {
      if (!trustedSafely(isTrusted, event)) {
        throw new RefusedMessageError(
          `Call Courier refused "${method}": it did not come from the Call Courier window`,
        );
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        throw new RefusedMessageError(describeRefusal(method, args.length, parsed.error));
      }
      return call(parsed.data);
    });
  };
  for (const method of API_METHODS) {
    add(method, (args) => invoke(targets.api, method, args));
  }
  for (const method of DESKTOP_METHODS) {
    add(method, (args) => invoke(targets.desktop, method, args));
  }
  return handlers;
}

/** The sender check, where a check that throws (an event of an unexpected shape) means "not trusted". */
function trustedSafely<E>(isTrusted: (event: E) => boolean, event: E): boolean {
  try {
    return isTrusted(event) === true;
  } catch {
    return false;
  }
}

/** Calls a method by name on its object (class methods keep their `this`). */
function invoke(target: object, method: string, args: readonly unknown[]): Promise<unknown> {
  const fn = (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
  if (typeof fn !== 'function') {
    return Promise.reject(new RefusedMessageError(`"${method}" is not available in this version`));
  }
  return fn.apply(target, [...args]);
}

/** A name sent by the window, cut to 40 characters (a refusal never grows with what was sent). */
function quoteShort(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Which argument was wrong and how, without quoting what was sent (it may be a secret). */
function describeRefusal(method: string, given: number, error: z.ZodError): string {
  const reasons = error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    if (typeof index !== 'number') return `wrong number of arguments (${given} given)`;
    const where = `argument ${index + 1}${rest.length > 0 ? ` (${rest.map((p) => quoteShort(String(p))).join('.')})` : ''}`;
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.slice(0, 5).map((key) => JSON.stringify(quoteShort(key)));
      const more = issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '';
      return `${where}: unknown field${issue.keys.length === 1 ? '' : 's'} ${keys.join(', ')}${more}`;
    }
    return `${where}: ${issue.message}`;
  });
  return `Call Courier refused a malformed "${method}" request: ${reasons.join('; ')}`;
}
