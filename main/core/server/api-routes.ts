import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRole } from './api-roles.ts';
import type { CourierApi } from './courier-contract.ts';
import type { EventStreams } from './event-stream.ts';
import { HttpError, type Answer } from './http-answers.ts';
import { readNamePreviewRequest } from './name-preview-body.ts';
import { parseRecordingQuery } from './recording-query.ts';
import type { RoutePattern } from './route-table.ts';
import { readSecretValue } from './secret-body.ts';
import { readNewWorkstation } from './workstation-body.ts';
import { readJsonBody } from './request-body.ts';

/** What every route can reach. */
export interface RouteContext {
  readonly api: CourierApi;
  readonly metrics: () => string | Promise<string>;
  readonly streams: EventStreams;
  /** The diagnostics bundle (GET /api/v1/diagnostics); absent where none can be made. */
  readonly diagnostics?: () => Promise<{ readonly fileName: string; readonly bytes: Buffer }>;
}

/** One request, routed. */
export interface RouteCall {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly context: RouteContext;
}

/** One address of the local API. */
export interface ApiRoute extends RoutePattern {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /**
   * The least role that may call it: 'monitor' for reading what a supervisor watches (GET only,
   * nothing that changes state or shows settings), 'admin' for everything else.
   */
  readonly access: ApiRole;
  /** Content types a body may have; JSON unless said otherwise. */
  readonly bodyTypes?: readonly string[];
  /** The answer, or null when the route wrote its own (the event stream). */
  handle(call: RouteCall): Promise<Answer | null>;
}

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

/** The local HTTP API (DESIGN.md, "Local HTTP API"), each address bound to the CourierApi. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/status',
    access: 'monitor',
    handle: async ({ context }) => ({ status: 200, json: await context.api.status() }),
  },
  {
    method: 'GET',
    path: '/api/v1/recordings',
    access: 'monitor',
    handle: async ({ context, url }) => ({
      status: 200,
      json: await context.api.listRecordings(parseRecordingQuery(url.searchParams)),
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/recordings',
    access: 'admin',
    handle: async ({ context, req }) => ({
      status: 201,
      json: { items: await context.api.enqueue(enqueuedPath(await readJsonBody(req))) },
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/recordings/:id/retry',
    access: 'admin',
    handle: async ({ context, params }) => ({
      status: 200,
      json: await context.api.retry(recordingId(params.id)),
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/recordings/:id/skip',
    access: 'admin',
    handle: async ({ context, params }) => ({
      status: 200,
      json: await context.api.skip(recordingId(params.id)),
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/pause',
    access: 'admin',
    handle: async ({ context }) => (await context.api.pause(), { status: 204 }),
  },
  {
    method: 'POST',
    path: '/api/v1/resume',
    access: 'admin',
    handle: async ({ context }) => (await context.api.resume(), { status: 204 }),
  },
  {
    method: 'GET',
    path: '/api/v1/settings',
    access: 'admin',
    handle: async ({ context }) => ({ status: 200, json: await context.api.getSettings() }),
  },
  {
    method: 'PUT',
    path: '/api/v1/settings',
    access: 'admin',
    handle: async ({ context, req }) => {
      const update = await context.api.putSettings(await readJsonBody(req));
      return { status: update.ok ? 200 : update.locked === true ? 409 : 422, json: update };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/policy',
    access: 'admin',
    handle: async ({ context }) => ({ status: 200, json: await context.api.policy() }),
  },
  {
    method: 'PUT',
    path: '/api/v1/secrets/:profile/:field',
    access: 'admin',
    bodyTypes: ['application/json', 'text/plain'],
    handle: async ({ context, req, params }) => {
      const value = await readSecretValue(req);
      await context.api.setSecret(params.profile ?? '', params.field ?? '', value);
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/profiles/:id/secrets',
    access: 'admin',
    handle: async ({ context, params }) => ({
      status: 200,
      json: await context.api.secretsStored(params.id ?? ''),
    }),
  },
  {
    method: 'POST',
    path: '/api/v1/profiles/:id/test',
    access: 'admin',
    handle: async ({ context, params }) => ({
      status: 200,
      json: await context.api.testProfile(params.id ?? ''),
    }),
  },
  {
    method: 'GET',
    path: '/api/v1/connectors',
    access: 'monitor',
    handle: async ({ context }) => ({ status: 200, json: await context.api.connectors() }),
  },
  {
    method: 'GET',
    path: '/api/v1/presets',
    access: 'monitor',
    handle: async ({ context }) => ({ status: 200, json: await context.api.presets() }),
  },
  {
    method: 'POST',
    path: '/api/v1/name-preview',
    access: 'admin',
    handle: async ({ context, req }) => {
      const { fileName, naming } = readNamePreviewRequest(await readJsonBody(req));
      return { status: 200, json: await context.api.previewName(fileName, naming) };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/supervisor/workstations',
    access: 'admin',
    handle: async ({ context }) => ({ status: 200, json: await context.api.workstations() }),
  },
  {
    method: 'POST',
    path: '/api/v1/supervisor/workstations',
    access: 'admin',
    handle: async ({ context, req }) => ({
      status: 201,
      json: await context.api.addWorkstation(readNewWorkstation(await readJsonBody(req))),
    }),
  },
  {
    method: 'DELETE',
    path: '/api/v1/supervisor/workstations/:id',
    access: 'admin',
    handle: async ({ context, params }) => (
      await context.api.removeWorkstation(params.id ?? ''),
      { status: 204 }
    ),
  },
  {
    method: 'GET',
    path: '/api/v1/monitoring',
    access: 'admin',
    handle: async ({ context }) => ({ status: 200, json: await context.api.monitoring() }),
  },
  {
    method: 'GET',
    path: '/api/v1/diagnostics',
    // Settings and logs: for the admin only, although secrets are removed.
    access: 'admin',
    handle: async ({ context }) => {
      if (!context.diagnostics) throw new HttpError(404, 'this service cannot make diagnostics');
      const bundle = await context.diagnostics();
      return {
        status: 200,
        bytes: bundle.bytes,
        contentType: 'application/zip',
        fileName: bundle.fileName,
      };
    },
  },
  {
    method: 'GET',
    path: '/api/v1/events',
    access: 'monitor',
    handle: async ({ context, res }) => (context.streams.open(res), null),
  },
  {
    method: 'GET',
    path: '/metrics',
    access: 'monitor',
    handle: async ({ context }) => ({
      status: 200,
      text: await context.metrics(),
      contentType: PROMETHEUS_TEXT,
    }),
  },
];

function recordingId(text: string | undefined): number {
  const id = Number(text);
  if (/^\d+$/.test(text ?? '') && Number.isSafeInteger(id)) return id;
  throw new HttpError(400, `"${text}" is not a recording id: ids are whole numbers`);
}

function enqueuedPath(body: unknown): string {
  const path = (body as { path?: unknown } | null)?.path;
  if (typeof path === 'string' && path !== '') return path;
  throw new HttpError(400, 'send {"path": "/full/path/of/the/recording.wav"}');
}
