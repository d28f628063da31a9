// The desktop app's IPC channels fed malformed messages (fast-check: wrong types, huge strings,
// prototype-pollution keys, missing and extra arguments) and messages from foreign frames.
// Every refusal is a plain RefusedMessageError, the core is never called with a message its
// schema refuses, nothing escapes as another error, and Object.prototype is never touched.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../main/core/log/logger.ts';
import { MemorySecretStore } from '../../../main/core/secrets/memory-secret-store.ts';
import { CourierService } from '../../../main/core/service.ts';
import { validateSettings } from '../../../main/core/settings/load-settings.ts';
import { INVOKE_SCHEMAS } from '../../../main/electron/ipc/invoke-schemas.ts';
import {
  createIpcHandlers,
  RefusedMessageError,
  type IpcTargets,
} from '../../../main/electron/ipc/ipc-handlers.ts';
import { registerIpc } from '../../../main/electron/ipc/register-ipc.ts';
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
import {
  FakeBrowserWindow,
  ipcMain,
  resetFakeElectron,
} from '../../unit/electron/fake-electron.ts';

vi.mock('electron', () => import('../../unit/electron/fake-electron.ts'));

const METHODS: readonly InvokeMethod[] = [...API_METHODS, ...DESKTOP_METHODS];

/** Counted for the report. */
const counts = { messages: 0, refused: 0, reachedCore: 0 };

/** Targets that record what reached them and answer with it. */
function recordingTargets(): IpcTargets & { readonly calls: [InvokeMethod, unknown[]][] } {
  const calls: [InvokeMethod, unknown[]][] = [];
  const record =
    (method: InvokeMethod) =>
    async (...args: unknown[]) => {
      calls.push([method, args]);
      return { ok: true };
    };
  const api = Object.fromEntries(API_METHODS.map((m) => [m, record(m)])) as unknown as Pick<
    CourierApi,
    ApiMethod
  >;
  const desktop = Object.fromEntries(DESKTOP_METHODS.map((m) => [m, record(m)])) as unknown as Pick<
    DesktopExtras,
    DesktopMethod
  >;
  return { api, desktop, calls };
}

/** Values that have broken message handlers elsewhere. */
const hostile = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"status": "failed", "__proto__": {"limit": 1}}'),
  { toString: 'not a function', valueOf: null },
  { ['k'.repeat(100_000)]: 1 },
  Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`key${i}`, i])),
  Object.create(null),
  'x'.repeat(1024 * 1024),
  `/${'a/'.repeat(5000)}call.wav`,
  '/tmp/\0/call.wav',
  '../../etc/passwd',
  Number.NaN,
  Number.POSITIVE_INFINITY,
  -0,
  2 ** 53,
  10n,
  Symbol('s'),
  () => 'code',
  new Date(0),
  new Map([['a', 1]]),
  new Uint8Array(16),
  [],
  [[[[[[[[[[[]]]]]]]]]]],
  undefined,
  null,
);

/** Any argument list: anything fast-check makes, hostile values, too few or too many. */
const argumentLists = fc.array(
  fc.oneof(
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withTypedArray: true,
      withSparseArray: true,
      withBoxedValues: true,
      maxDepth: 4,
    }),
    hostile,
    fc.string({ maxLength: 300 }),
    fc.integer(),
  ),
  { maxLength: 4 },
);

/** Runs a handler and says how it ended; a throw that is not a rejection is a failure too. */
async function outcome(
  handler: (event: unknown, ...args: unknown[]) => Promise<unknown>,
  event: unknown,
  args: readonly unknown[],
): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: unknown }> {
  counts.messages += 1;
  let pending: Promise<unknown>;
  try {
    pending = handler(event, ...args);
  } catch (error) {
    return { ok: false, error: new Error(`threw synchronously: ${String(error)}`) };
  }
  return pending.then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function expectPlainRefusal(error: unknown, method: string): void {
  expect(error).toBeInstanceOf(RefusedMessageError);
  const message = (error as Error).message;
  expect(message).toMatch(new RegExp(`^Call Courier refused (a malformed )?"${method}"`));
  expect(message).not.toMatch(/\[object |\n\s+at /);
  expect(message.length).toBeLessThan(2000);
  counts.refused += 1;
}

afterAll(() => {
  expect(Object.prototype).not.toHaveProperty('polluted');
  console.info(
    `IPC fuzz: ${counts.messages} messages, ${counts.refused} refused, ${counts.reachedCore} reached the core (each valid by its schema)`,
  );
});

describe('IPC messages from the window, fuzzed', () => {
  it.each(METHODS)(
    '%s: a malformed message is refused in plain words; the core sees only what its schema allows',
    async (method) => {
      const targets = recordingTargets();
      const handler = createIpcHandlers(targets, () => true).get(invokeChannel(method));
      if (!handler) throw new Error(`no channel for ${method}`);
      await fc.assert(
        fc.asyncProperty(argumentLists, async (args) => {
          targets.calls.length = 0;
          const result = await outcome(handler, {}, args);
          const valid = INVOKE_SCHEMAS[method].safeParse(args);
          if (result.ok) {
            expect(valid.success).toBe(true);
            expect(targets.calls).toEqual([[method, valid.data]]);
            counts.reachedCore += 1;
          } else {
            expectPlainRefusal(result.error, method);
            expect(targets.calls).toEqual([]);
          }
          expect(Object.prototype).not.toHaveProperty('polluted');
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe('IPC messages from anything but the window', () => {
  it('refuses every channel from another window, a sub-frame, another page, and a closed window, and calls nothing', async () => {
    resetFakeElectron();
    const targets = recordingTargets();
    const window = new FakeBrowserWindow({});
    await window.loadURL('app://courier/index.html');
    const undo = registerIpc(targets, () => window as never);
    const stranger = new FakeBrowserWindow({});
    await stranger.loadURL('app://courier/index.html');
    const own = window.webContents.mainFrame;
    const senders: readonly (readonly [string, unknown])[] = [
      [
        'another window of ours',
        { sender: stranger.webContents, senderFrame: stranger.webContents.mainFrame },
      ],
      [
        'a sub-frame',
        {
          sender: window.webContents,
          senderFrame: { ...own, routingId: own.routingId + 1, parent: own },
        },
      ],
      [
        'a web page',
        { sender: window.webContents, senderFrame: { ...own, url: 'https://evil.example/' } },
      ],
      [
        'a look-alike app host',
        {
          sender: window.webContents,
          senderFrame: { ...own, url: 'app://courier.evil/index.html' },
        },
      ],
      [
        'a file page',
        { sender: window.webContents, senderFrame: { ...own, url: 'file:///tmp/evil.html' } },
      ],
      [
        'a data page',
        { sender: window.webContents, senderFrame: { ...own, url: 'data:text/html,<p>' } },
      ],
      [
        'another process',
        { sender: window.webContents, senderFrame: { ...own, processId: own.processId + 1 } },
      ],
      ['a frame that is gone', { sender: window.webContents, senderFrame: null }],
      ['no sender at all', {}],
      ['not an event', null],
    ];
    const wellFormed: Partial<Record<InvokeMethod, unknown[]>> = {
      listRecordings: [{}],
      enqueue: ['/tmp/call.wav'],
      retry: [1],
      skip: [1],
      putSettings: [{}],
      setSecret: ['et', 'password', 'hunter2-but-longer'],
      secretsStored: ['et'],
      testProfile: ['et'],
      previewName: ['call.wav', {}],
      showFile: ['/tmp/call.wav'],
      setStartAtLogin: [true],
    };
    for (const method of METHODS) {
      const handler = ipcMain.handlers.get(invokeChannel(method));
      if (!handler) throw new Error(`no channel for ${method}`);
      for (const [name, event] of senders) {
        const result = await outcome(handler, event, wellFormed[method] ?? []);
        expect(result.ok, `${method} from ${name}`).toBe(false);
        if (!result.ok) {
          expectPlainRefusal(result.error, method);
          expect((result.error as Error).message).toContain(
            'did not come from the Call Courier window',
          );
        }
      }
    }
    // The control: the same messages from our window's own frame are answered.
    const fromOwn = { sender: window.webContents, senderFrame: own };
    expect((await outcome(ipcMain.handlers.get('courier:status') as never, fromOwn, [])).ok).toBe(
      true,
    );
    expect(targets.calls).toEqual([['status', []]]);
    undo();
  });
});

describe('IPC messages the schemas let through, against the real core', () => {
  let dataDir = '';
  let service: CourierService;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'call-courier-ipc-fuzz-'));
    const settings = validateSettings({});
    if (!settings.ok) throw new Error('empty settings refused');
    service = await CourierService.start({
      dataDir,
      settings: settings.settings,
      rawSettings: {},
      secrets: new MemorySecretStore(),
      log: silentLogger,
      saveSettings: async () => {},
    });
  });
  afterAll(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers or explains in plain words every message of a valid shape: no type errors, no stack traces', async () => {
    const desktop = recordingTargets().desktop;
    const handlers = createIpcHandlers({ api: service, desktop }, () => true);
    const shaped = fc.oneof(
      fc.tuple(fc.constant<InvokeMethod>('retry'), fc.tuple(fc.nat())),
      fc.tuple(fc.constant<InvokeMethod>('skip'), fc.tuple(fc.nat())),
      fc.tuple(
        fc.constant<InvokeMethod>('testProfile'),
        fc.tuple(fc.string({ minLength: 1, maxLength: 200 })),
      ),
      fc.tuple(
        fc.constant<InvokeMethod>('secretsStored'),
        fc.tuple(fc.string({ minLength: 1, maxLength: 200 })),
      ),
      fc.tuple(
        fc.constant<InvokeMethod>('setSecret'),
        fc.tuple(
          fc.string({ minLength: 1, maxLength: 200 }),
          fc.string({ minLength: 1, maxLength: 200 }),
          fc.string({ minLength: 1, maxLength: 100 }),
        ),
      ),
      fc.tuple(
        fc.constant<InvokeMethod>('enqueue'),
        fc.tuple(fc.string({ maxLength: 100 }).map((s) => `/${s}`)),
      ),
      fc.tuple(fc.constant<InvokeMethod>('putSettings'), fc.tuple(fc.jsonValue({ maxDepth: 4 }))),
      fc.tuple(
        fc.constant<InvokeMethod>('previewName'),
        fc.tuple(
          fc.string({ minLength: 1, maxLength: 200 }),
          fc.record(
            { template: fc.string({ maxLength: 100 }), timeZone: fc.string({ maxLength: 40 }) },
            { requiredKeys: [] },
          ),
        ),
      ),
      fc.tuple(
        fc.constant<InvokeMethod>('listRecordings'),
        fc.tuple(
          fc.record(
            { q: fc.string({ maxLength: 100 }), cursor: fc.string({ maxLength: 100 }) },
            { requiredKeys: [] },
          ),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(shaped, async ([method, args]) => {
        const handler = handlers.get(invokeChannel(method));
        if (!handler) throw new Error(`no channel for ${method}`);
        const result = await outcome(handler, {}, args);
        if (result.ok) return;
        const error = result.error as Error;
        expect(error).toBeInstanceOf(Error);
        expect(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError']).not.toContain(
          error.name,
        );
        expect(error.message.trim()).not.toBe('');
        expect(error.message).not.toMatch(/undefined|\[object |\n\s+at /);
        counts.refused += 1;
      }),
      { numRuns: 300 },
    );
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect((await service.status()).state).toBeDefined();
  });
});
