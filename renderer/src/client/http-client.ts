import type {
  ConnectionTest,
  ConnectorInfo,
  MonitoringInfo,
  CourierEvent,
  NamePreview,
  PolicyInfo,
  PresetInfo,
  RecordingItem,
  RecordingPage,
  RecordingQuery,
  SettingsUpdate,
  StatusAnswer,
  WorkstationInfo,
  WorkstationRow,
} from '../../../preload/api.ts';
import { ApiError, NOT_ANSWERING, errorForAnswer } from './api-error.ts';
import type { CourierClient } from './courier-client.ts';
import { attachmentName, type DiagnosticsAbility } from './diagnostics-download.ts';
import { EventLink, type EventSourceLike } from './event-link.ts';
import { FetchEventSource } from './fetch-event-source.ts';

/** What the HTTP transport needs: where the service is, its access token, and the browser's fetch. */
export interface HttpClientOptions {
  /** The service's origin, e.g. http://127.0.0.1:8490 ('' for the page's own). */
  readonly baseUrl: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
  /** Opens the event stream; by default a FetchEventSource that sends the token as a header. */
  readonly openEvents?: (url: string, token: string) => EventSourceLike;
}

/** The CourierApi over the local HTTP API, and the live event link behind its onEvent. */
export interface HttpTransport {
  readonly client: CourierClient;
  readonly link: EventLink;
}

/** The CourierApi spoken over the headless service's HTTP API (main/core/server/README.md). */
export function createHttpClient(options: HttpClientOptions): HttpTransport {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${options.token}`,
          Accept: 'application/json',
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, NOT_ANSWERING);
    }
    return response;
  };
  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await call(method, path, body);
    const parsed = await response.json().catch(() => null);
    if (!response.ok) throw errorForAnswer(response.status, parsed);
    return parsed as T;
  };
  const empty = async (method: string, path: string, body?: unknown): Promise<void> => {
    const response = await call(method, path, body);
    if (!response.ok)
      throw errorForAnswer(response.status, await response.json().catch(() => null));
  };
  const id = (text: string): string => encodeURIComponent(text);

  const link = new EventLink({
    // Never `?token=`: the service refuses a token in the address (it would end up in logs).
    open: () =>
      (
        options.openEvents ?? ((url, token) => new FetchEventSource({ url, token, fetch: doFetch }))
      )(`${options.baseUrl}/api/v1/events`, options.token),
    accessRefused: async () => {
      const response = await call('GET', '/status');
      return response.status === 401;
    },
  });

  const client: CourierClient & DiagnosticsAbility = {
    status: () => json<StatusAnswer>('GET', '/status'),
    listRecordings: (query) => json<RecordingPage>('GET', `/recordings${queryString(query)}`),
    enqueue: async (path) =>
      (await json<{ items: readonly RecordingItem[] }>('POST', '/recordings', { path })).items,
    retry: (recording) => json<RecordingItem>('POST', `/recordings/${recording}/retry`),
    skip: (recording) => json<RecordingItem>('POST', `/recordings/${recording}/skip`),
    pause: () => empty('POST', '/pause'),
    resume: () => empty('POST', '/resume'),
    getSettings: () => json<unknown>('GET', '/settings'),
    policy: () => json<PolicyInfo>('GET', '/policy'),
    putSettings: async (settings) => {
      const response = await call('PUT', '/settings', settings);
      const parsed = await response.json().catch(() => null);
      // 422 and 409 (locked by policy) are answers here (refused, with the reasons), not failures.
      if (response.ok || response.status === 422 || response.status === 409)
        return parsed as SettingsUpdate;
      throw errorForAnswer(response.status, parsed);
    },
    setSecret: (profile, field, value) =>
      empty('PUT', `/secrets/${id(profile)}/${id(field)}`, { value }),
    secretsStored: (profile) =>
      json<Readonly<Record<string, boolean>>>('GET', `/profiles/${id(profile)}/secrets`),
    testProfile: (profile) => json<ConnectionTest>('POST', `/profiles/${id(profile)}/test`),
    connectors: () => json<readonly ConnectorInfo[]>('GET', '/connectors'),
    presets: () => json<readonly PresetInfo[]>('GET', '/presets'),
    previewName: (fileName, naming) =>
      json<NamePreview>('POST', '/name-preview', { fileName, naming }),
    monitoring: () => json<MonitoringInfo>('GET', '/monitoring'),
    workstations: () => json<readonly WorkstationRow[]>('GET', '/supervisor/workstations'),
    addWorkstation: (workstation) =>
      json<WorkstationInfo>('POST', '/supervisor/workstations', workstation),
    removeWorkstation: (workstation) =>
      empty('DELETE', `/supervisor/workstations/${id(workstation)}`),
    onEvent: (listener: (event: CourierEvent) => void) => link.subscribe(listener),
    diagnostics: async () => {
      const response = await call('GET', '/diagnostics');
      if (!response.ok) {
        throw errorForAnswer(response.status, await response.json().catch(() => null));
      }
      return {
        fileName: attachmentName(response.headers.get('Content-Disposition')),
        blob: await response.blob(),
      };
    },
  };
  return { client, link };
}

/** `?status=&q=&limit=&cursor=` for the parts of the query that are set. */
export function queryString(query: RecordingQuery): string {
  const params = new URLSearchParams();
  if (query.status !== undefined) params.set('status', query.status);
  if (query.q !== undefined && query.q.trim() !== '') params.set('q', query.q.trim());
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  const text = params.toString();
  return text ? `?${text}` : '';
}
