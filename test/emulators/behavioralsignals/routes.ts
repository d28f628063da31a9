import type { IncomingMessage } from 'node:http';
import type { FaultDice } from '../shared/fault-dice.ts';
import { drain, mediaType } from '../shared/http.ts';
import { readMultipart } from '../shared/multipart.ts';
import {
  legacyProcessBody,
  v5ProcessBody,
  type ApiVersion,
  type ProcessStore,
} from './process-store.ts';
import {
  audioFile,
  isRefusal,
  legacyFormOnlyFile,
  legacyQuery,
  v5Fields,
  type Refusal,
} from './upload-checks.ts';

/** The emulated endpoints a fault can be aimed at. */
export type Endpoint = 'auth' | 'upload' | 'status';

/** What the emulator answers: a status and a JSON body, or a connection closed without a word. */
export type Answer =
  | {
      readonly status: number;
      readonly body: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    }
  | { readonly drop: true };

/** What the route handlers share. */
export interface EmulatorState {
  /** Project id (cid) → its token. */
  readonly projects: Map<string, string>;
  readonly processes: ProcessStore;
  readonly dice: FaultDice<Endpoint>;
  /** Where the legacy answer puts the process id. */
  readonly legacyIdField: 'pid' | 'id';
}

/** A request matched to an endpoint of one API version. */
export interface MatchedRoute {
  readonly endpoint: Endpoint;
  readonly version: ApiVersion;
  /** The cid of the path; for v5 `auth`, of the X-Auth-Client header. */
  readonly cid?: string;
  readonly pid?: string;
}

/** An endpoint, or why the request matches none. */
export type Route = MatchedRoute | { readonly status: 404 | 405 };

const ROUTES: readonly {
  readonly pattern: RegExp;
  readonly method: string;
  readonly endpoint: Endpoint;
  readonly version: ApiVersion;
}[] = [
  { pattern: /^\/v5\/auth$/, method: 'GET', endpoint: 'auth', version: 'v5' },
  {
    pattern: /^\/v5\/clients\/([^/]+)\/processes\/audio$/,
    method: 'POST',
    endpoint: 'upload',
    version: 'v5',
  },
  {
    pattern: /^\/v5\/clients\/([^/]+)\/processes\/([^/]+)$/,
    method: 'GET',
    endpoint: 'status',
    version: 'v5',
  },
  { pattern: /^\/client\/([^/]+)$/, method: 'GET', endpoint: 'auth', version: 'legacy' },
  {
    pattern: /^\/client\/([^/]+)\/process\/audio$/,
    method: 'POST',
    endpoint: 'upload',
    version: 'legacy',
  },
  {
    pattern: /^\/client\/([^/]+)\/process\/([^/]+)$/,
    method: 'GET',
    endpoint: 'status',
    version: 'legacy',
  },
];

/** Matches a method and path to an endpoint: v5 under /v5, the legacy API at the root. */
export function route(method: string, path: string): Route {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(path);
    if (match === null) continue;
    if (candidate.method !== method) return { status: 405 };
    const [, cid, pid] = match;
    return {
      endpoint: candidate.endpoint,
      version: candidate.version,
      ...(cid === undefined ? {} : { cid: decodeURIComponent(cid) }),
      ...(pid === undefined ? {} : { pid: decodeURIComponent(pid) }),
    };
  }
  return { status: 404 };
}

/** Oliver's error answer: `{code, message}` with the same HTTP status. */
export function refusal(
  code: number,
  message: string,
  headers?: Readonly<Record<string, string>>,
): Answer {
  return { status: code, body: { code, message }, ...(headers ? { headers } : {}) };
}

/** v5 `GET /auth` (X-Auth-Client, X-Auth-Token) and legacy `GET /client/{cid}`. */
export async function auth(
  req: IncomingMessage,
  matched: MatchedRoute,
  state: EmulatorState,
): Promise<Answer> {
  await drain(req);
  const cid = matched.version === 'v5' ? header(req, 'x-auth-client') : matched.cid;
  if (cid === undefined) return refusal(401, 'Missing X-Auth-Client header');
  const denied = authorize(req, cid, matched.endpoint, state);
  if (denied !== null) return denied;
  return { status: 200, body: { cid: Number(cid), message: 'Authenticated' } };
}

/** A recording submitted for processing, checked strictly for its API version. */
export async function upload(
  req: IncomingMessage,
  url: URL,
  matched: MatchedRoute,
  state: EmulatorState,
): Promise<Answer> {
  const cid = matched.cid ?? '';
  const denied = authorize(req, cid, matched.endpoint, state);
  const query = matched.version === 'legacy' ? legacyQuery(url) : v5Query(url);
  const problem: Refusal | null = isRefusal(query)
    ? query
    : mediaType(req.headers['content-type']) === 'multipart/form-data'
      ? null
      : { code: 400, message: 'Expected multipart/form-data with a file field' };
  if (denied !== null || problem !== null) {
    await drain(req);
    return denied ?? refusal(problem?.code ?? 400, problem?.message ?? '');
  }
  const form = await readMultipart(req);
  if (!form.ok) return refusal(400, form.reason);
  const file = audioFile(form.parts);
  if (isRefusal(file)) return refusal(file.code, file.message);
  const fields = matched.version === 'v5' ? v5Fields(form.parts) : legacyFormOnlyFile(form.parts);
  if (isRefusal(fields)) return refusal(fields.code, fields.message);
  const rejection = state.dice.roll('reject', 'upload');
  if (rejection !== undefined) return refusal(rejection.status, rejection.detail);
  const legacy = isRefusal(query) ? {} : query;
  const process = state.processes.add(
    {
      version: matched.version,
      cid,
      name: (fields === null ? legacy.name : fields.name) ?? file.fileName,
      fileName: file.fileName,
      contentType: file.contentType,
      bytes: file.bytes,
      sha256: file.sha256,
      ...(fields?.meta === undefined ? {} : { meta: fields.meta }),
      ...(fields?.embeddings === undefined ? {} : { embeddings: fields.embeddings }),
      ...(matched.version === 'legacy' ? { query: legacy } : {}),
    },
    new Date(),
  );
  if (state.dice.roll('dropAfterStore', 'upload')) return { drop: true };
  return { status: 200, body: processBody(process, matched.version, state) };
}

/** One process's state, as the project that owns it may read it. */
export async function status(
  req: IncomingMessage,
  matched: MatchedRoute,
  state: EmulatorState,
): Promise<Answer> {
  await drain(req);
  const cid = matched.cid ?? '';
  const denied = authorize(req, cid, matched.endpoint, state);
  if (denied !== null) return denied;
  const process = state.processes.get(cid, matched.pid ?? '');
  if (process === undefined) return refusal(404, `Process ${matched.pid ?? ''} not found`);
  return { status: 200, body: processBody(process, matched.version, state) };
}

function processBody(
  process: Parameters<typeof v5ProcessBody>[0],
  version: ApiVersion,
  state: EmulatorState,
): Record<string, unknown> {
  return version === 'v5'
    ? v5ProcessBody(process)
    : legacyProcessBody(process, state.legacyIdField);
}

/** A v5 upload takes its details in the form: any query parameter is a mistake. */
function v5Query(url: URL): Readonly<Record<string, string>> | Refusal {
  const [first] = url.searchParams.keys();
  return first === undefined
    ? {}
    : {
        code: 400,
        message: `Unknown query parameter: ${first} (v5 takes name and meta as form fields)`,
      };
}

/** Null when X-Auth-Token is the token of project `cid`, else the refusal. */
function authorize(
  req: IncomingMessage,
  cid: string,
  endpoint: Endpoint,
  state: EmulatorState,
): Answer | null {
  const token = header(req, 'x-auth-token');
  if (token === undefined) return refusal(401, 'Missing X-Auth-Token header');
  if (!/^\d+$/.test(cid)) return refusal(400, `Invalid client id: ${cid}`);
  const known = [...state.projects.values()].includes(token);
  if (!known || state.dice.roll('wrongPassword', endpoint) !== undefined) {
    return refusal(401, 'Invalid API token');
  }
  if (state.projects.get(cid) !== token) {
    return refusal(403, `The API token does not grant access to project ${cid}`);
  }
  return null;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}
