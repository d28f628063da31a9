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
      if (!isTrusted(event)) {
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

/** Calls a method by name on its object (class methods keep their `this`). */
function invoke(target: object, method: string, args: readonly unknown[]): Promise<unknown> {
  const fn = (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[method];
  if (typeof fn !== 'function') {
    return Promise.reject(new RefusedMessageError(`"${method}" is not available in this version`));
  }
  return fn.apply(target, [...args]);
}

/** Which argument was wrong and how, without quoting what was sent (it may be a secret). */
function describeRefusal(method: string, given: number, error: z.ZodError): string {
  const reasons = error.issues.map((issue) => {
    const [index, ...rest] = issue.path;
    if (typeof index !== 'number') return `wrong number of arguments (${given} given)`;
    const where = `argument ${index + 1}${rest.length > 0 ? ` (${rest.map(String).join('.')})` : ''}`;
    return `${where}: ${issue.message}`;
  });
  return `Call Courier refused a malformed "${method}" request: ${reasons.join('; ')}`;
}
