/**
 * The run-time shape of every command's arguments, as the window sends them over IPC. Main
 * validates each message with these before it reaches the core (STYLE.md: one typed contract,
 * also checked at run time). Pure: no electron import.
 */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import type { CourierApi } from '../../../preload/api.ts';
import type { DesktopExtras } from '../../../preload/desktop-api.ts';
import type { InvokeMethod } from '../../../preload/ipc-channels.ts';
import { MAX_PAGE_SIZE } from '../../core/server/recording-query.ts';
import { MAX_SECRET_BYTES } from '../../core/server/secret-body.ts';
import { RECORDING_STATUSES } from '../../core/store/recording-status.ts';

type Commands = CourierApi & DesktopExtras;

/** Each command's argument list, as a zod schema whose output is exactly the method's parameters. */
export type InvokeSchemas = {
  readonly [M in InvokeMethod]: z.ZodType<Parameters<Commands[M]>>;
};

const MAX_PATH = 4096;
const name = z.string().min(1).max(200);
const path = z.string().min(1).max(MAX_PATH);
const absolutePath = path.refine((p) => isAbsolute(p) && !p.includes('\0'), {
  error: 'must be a full path',
});
const recordingId = z.int().min(0);
const none = z.tuple([]);

const recordingQuery = z.strictObject({
  status: z.enum(RECORDING_STATUSES).optional(),
  q: z.string().max(500).optional(),
  limit: z.int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().max(500).optional(),
});

const namingChoice = z.strictObject({
  preset: z.string().max(100).optional(),
  template: z.string().max(2000).optional(),
  timeZone: z.string().max(100).optional(),
});

const newWorkstation = z.strictObject({
  label: z.string().min(1).max(200),
  address: z.string().min(1).max(2000),
  monitorToken: z.string().min(1).max(MAX_SECRET_BYTES),
  caCertificate: path.optional(),
});

/** Settings travel as JSON, as over HTTP: properties left undefined are dropped, anything not JSON is refused. */
const settingsDocument = z.preprocess(withoutUndefined, z.json());

/** The argument schemas, one per channel. */
export const INVOKE_SCHEMAS: InvokeSchemas = {
  status: none,
  listRecordings: z.tuple([recordingQuery]),
  enqueue: z.tuple([absolutePath]),
  retry: z.tuple([recordingId]),
  skip: z.tuple([recordingId]),
  pause: none,
  resume: none,
  getSettings: none,
  putSettings: z.tuple([settingsDocument]),
  policy: none,
  setSecret: z.tuple([name, name, z.string().min(1).max(MAX_SECRET_BYTES)]),
  secretsStored: z.tuple([name]),
  testProfile: z.tuple([name]),
  connectors: none,
  presets: none,
  previewName: z.tuple([z.string().min(1).max(1000), namingChoice]),
  workstations: none,
  addWorkstation: z.tuple([newWorkstation]),
  removeWorkstation: z.tuple([name]),
  monitoring: none,
  chooseFolder: none,
  showFile: z.tuple([absolutePath]),
  openRecordingsFolder: z.tuple([absolutePath.optional()]),
  getStartAtLogin: none,
  setStartAtLogin: z.tuple([z.boolean()]),
  saveDiagnostics: none,
};

/** A copy of a plain value without the object properties whose value is undefined. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (
    value === null ||
    typeof value !== 'object' ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}
