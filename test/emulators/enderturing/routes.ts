import type { IncomingMessage } from 'node:http';
import { rm } from 'node:fs/promises';
import type { Accounts } from './accounts.ts';
import type { EnderTuringDice, Endpoint } from './faults.ts';
import { drain, mediaType, missing, readSmallBody, type ValidationItem } from './http-answers.ts';
import { metadataProblems } from './metadata-check.ts';
import { sessionItem, type ListUpdate, type SessionStore } from './sessions.ts';
import { receiveUpload } from './upload-parser.ts';

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
  readonly accounts: Accounts;
  readonly sessions: SessionStore;
  readonly dice: EnderTuringDice;
  readonly storeDir: string | undefined;
  readonly metadataLists: ListUpdate;
}

/** A request matched to an endpoint of the documented API. */
export interface MatchedRoute {
  readonly endpoint: Endpoint;
  readonly sessionId?: string;
}

/** An endpoint, or why the request matches none. */
export type Route = MatchedRoute | { readonly status: 404 | 405 };

/** Matches a method and path to an endpoint. */
export function route(method: string, path: string): Route {
  const metadata = /^\/api\/v1\/sessions\/([^/]+)\/metadata$/.exec(path);
  const [expected, found]: [string, Route] =
    path === '/api/v1/login/access-token'
      ? ['POST', { endpoint: 'login' }]
      : path === '/api/v1/recognizer/audio-file'
        ? ['POST', { endpoint: 'upload' }]
        : path === '/api/v1/sessions'
          ? ['GET', { endpoint: 'search' }]
          : metadata?.[1] !== undefined
            ? ['PUT', { endpoint: 'metadata', sessionId: decodeURIComponent(metadata[1]) }]
            : ['', { status: 404 }];
  if (expected === '') return found;
  return method === expected ? found : { status: 405 };
}

/** `POST /api/v1/login/access-token`: the password grant, form-encoded, as FastAPI's strict OAuth2 form. */
export async function login(req: IncomingMessage, state: EmulatorState): Promise<Answer> {
  const text = await readSmallBody(req);
  if (text === null) return detail(413, 'Request body too large');
  const form =
    mediaType(req.headers['content-type']) === 'application/x-www-form-urlencoded'
      ? new URLSearchParams(text)
      : new URLSearchParams();
  const problems: ValidationItem[] = [];
  const grantType = form.get('grant_type');
  if (grantType === null) problems.push(missing('body', 'grant_type'));
  else if (grantType !== 'password') {
    problems.push({
      type: 'string_pattern_mismatch',
      loc: ['body', 'grant_type'],
      msg: "String should match pattern '^password$'",
    });
  }
  const username = form.get('username');
  const password = form.get('password');
  if (username === null) problems.push(missing('body', 'username'));
  if (password === null) problems.push(missing('body', 'password'));
  if (problems.length > 0 || username === null || password === null) return detail(422, problems);
  const token = state.dice.roll('wrongPassword', 'login')
    ? null
    : state.accounts.login(username, password, Date.now());
  if (token === null) return detail(400, 'Incorrect email or password');
  return { status: 200, body: { access_token: token, token_type: 'bearer' } };
}

/** `POST /api/v1/recognizer/audio-file`: a recording for recognition, as multipart field `file`. */
export async function upload(
  req: IncomingMessage,
  url: URL,
  state: EmulatorState,
): Promise<Answer> {
  const denied = authorize(req, state);
  const problems: ValidationItem[] = [];
  const language = url.searchParams.get('language');
  if (language === null || language === '') problems.push(missing('query', 'language'));
  const detailed = flag(url, 'detailed_realtime_results', problems);
  const advanced = flag(url, 'advanced_language_identification', problems);
  if (mediaType(req.headers['content-type']) !== 'multipart/form-data') {
    problems.push(missing('body', 'file'));
  }
  if (denied !== null || problems.length > 0 || language === null) {
    await drain(req);
    return denied ?? detail(422, problems);
  }
  const outcome = await receiveUpload(req, state.storeDir);
  if (!outcome.ok) return detail(outcome.status, outcome.detail);
  const rejection = state.dice.roll('reject', 'upload');
  if (rejection !== undefined) {
    if (outcome.file.storedPath !== undefined) await rm(outcome.file.storedPath, { force: true });
    return detail(rejection.status, rejection.detail);
  }
  const session = state.sessions.add(
    {
      ...outcome.file,
      sessionId: state.sessions.newId(),
      language,
      detailedRealtimeResults: detailed,
      advancedLanguageIdentification: advanced,
    },
    new Date(),
  );
  if (state.dice.roll('dropAfterStore', 'upload')) return { drop: true };
  return { status: 200, body: { session_id: session.id } };
}

/** `GET /api/v1/sessions?filters=search_query,…`: conversations whose file name matches. */
export async function search(
  req: IncomingMessage,
  url: URL,
  state: EmulatorState,
): Promise<Answer> {
  await drain(req);
  const denied = authorize(req, state);
  if (denied !== null) return denied;
  const items = state.sessions.search(url.searchParams.get('filters')).map(sessionItem);
  return { status: 200, body: { items, total: items.length } };
}

/**
 * `PUT /api/v1/sessions/{id}/metadata`: a JSON object of metadata (seed 001). List fields
 * replace the session's (the documented behaviour: clients append the existing values
 * themselves), or merge with them when the emulator is told to.
 */
export async function metadata(
  req: IncomingMessage,
  sessionId: string,
  state: EmulatorState,
): Promise<Answer> {
  const text = await readSmallBody(req);
  const denied = authorize(req, state);
  if (denied !== null) return denied;
  if (text === null) return detail(413, 'Request body too large');
  let update: unknown;
  if (mediaType(req.headers['content-type']) === 'application/json') {
    try {
      update = JSON.parse(text);
    } catch {
      return detail(422, [{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error' }]);
    }
  }
  const problems = metadataProblems(update);
  if (problems.length > 0) return detail(422, problems);
  const session = state.sessions.get(sessionId);
  if (session === undefined) return detail(404, 'Session not found');
  const rejection = state.dice.roll('reject', 'metadata');
  if (rejection !== undefined) return detail(rejection.status, rejection.detail);
  const body = state.sessions.updateMetadata(
    session,
    update as Record<string, unknown>,
    state.metadataLists,
  );
  return { status: 200, body };
}

/** Null when the request carries a live bearer token, else the 401 answer. */
function authorize(req: IncomingMessage, state: EmulatorState): Answer | null {
  const header = req.headers.authorization ?? '';
  const match = /^bearer\s+(\S+)$/i.exec(header);
  const challenge = { 'www-authenticate': 'Bearer' };
  if (match?.[1] === undefined) {
    return { status: 401, body: { detail: 'Not authenticated' }, headers: challenge };
  }
  const check = state.accounts.check(match[1], Date.now(), state.dice.faults.tokenLifetimeSeconds);
  return check.ok ? null : { status: 401, body: { detail: check.detail }, headers: challenge };
}

const TRUE = new Set(['true', '1', 'yes', 'on', 't', 'y']);
const FALSE = new Set(['false', '0', 'no', 'off', 'f', 'n']);

/** A boolean query parameter, parsed the way pydantic does; absent is false. */
function flag(url: URL, name: string, problems: ValidationItem[]): boolean {
  const raw = url.searchParams.get(name)?.toLowerCase();
  if (raw === undefined) return false;
  if (TRUE.has(raw)) return true;
  if (!FALSE.has(raw)) {
    problems.push({
      type: 'bool_parsing',
      loc: ['query', name],
      msg: 'Input should be a valid boolean, unable to interpret input',
    });
  }
  return false;
}

function detail(status: number, value: string | readonly ValidationItem[]): Answer {
  return { status, body: { detail: value } };
}
