import type * as NodeHttp from 'node:http';

/**
 * Node's `http` module, taken without an ES module facade. Building one reads every export,
 * and three of them (WebSocket, CloseEvent, MessageEvent) load Node's own copy of undici:
 * ~45 ms of every start-up, for classes nothing here uses. Take values of `node:http` from
 * here; `import type` from `node:http` as usual.
 */
export const http: typeof NodeHttp = process.getBuiltinModule('node:http');
