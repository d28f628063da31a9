import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { drain, mediaType, readSmallBody } from '../shared/http.ts';
import { archive } from './archive.ts';
import { message, type Answer, type EmulatorState, type Endpoint } from './answers.ts';

/** An endpoint, or why the request matches none. */
export type Route = { readonly endpoint: Endpoint } | { readonly status: 404 | 405 };

const ROUTES: Readonly<Record<string, readonly [string, Endpoint]>> = {
  '/Token': ['POST', 'token'],
  '/callCapture/v1/archive': ['POST', 'archive'],
  '/callCapture/v1/status': ['POST', 'status'],
  '/sources/v1/recordingSettings': ['GET', 'recordingSettings'],
  '/callCapture/v1/monitor': ['POST', 'monitor'],
};

/** Matches a method and path to a documented endpoint (paths spelt exactly as seed 002 does). */
export function route(method: string, path: string): Route {
  const found = ROUTES[path];
  if (found === undefined) return { status: 404 };
  return method === found[0] ? { endpoint: found[1] } : { status: 405 };
}

/** Answers a request to a matched endpoint. */
export function serve(
  req: IncomingMessage,
  endpoint: Endpoint,
  state: EmulatorState,
): Promise<Answer> {
  switch (endpoint) {
    case 'token':
      return token(req, state);
    case 'archive':
      return archive(req, state);
    case 'status':
      return status(req, state);
    case 'recordingSettings':
      return recordingSettings(req, state);
    case 'monitor':
      return monitor(req, state);
  }
}

/** `POST /Token`: the client-credentials grant, form-encoded, answered the OAuth 2 way. */
async function token(req: IncomingMessage, state: EmulatorState): Promise<Answer> {
  const text = await readSmallBody(req);
  const form =
    text !== null && mediaType(req.headers['content-type']) === 'application/x-www-form-urlencoded'
      ? new URLSearchParams(text)
      : new URLSearchParams();
  if (form.get('grant_type') !== 'client_credentials') {
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }
  const clientId = form.get('client_id');
  const secret = form.get('client_secret');
  if (!clientId || !secret) return { status: 400, body: { error: 'invalid_client' } };
  const issued = state.dice.roll('wrongPassword', 'token')
    ? null
    : state.clients.issue(clientId, secret, Date.now());
  if (issued === null) return { status: 400, body: { error: 'invalid_client' } };
  return {
    status: 200,
    body: { access_token: issued, token_type: 'bearer', expires_in: state.expiresIn },
  };
}

const statusQuery = z.strictObject({ CallSessionIds: z.array(z.string()) });

/** `POST /callCapture/v1/status`: the status of each session id asked about, NotFound when unknown. */
async function status(req: IncomingMessage, state: EmulatorState): Promise<Answer> {
  const parsed = await jsonBody(req, state, statusQuery);
  if ('answer' in parsed) return parsed.answer;
  const callSessions = parsed.value.CallSessionIds.map((sessionId) => {
    const call = state.calls.bySession(sessionId);
    return call === undefined
      ? { status: 'NotFound', callId: null, sessionId }
      : { status: call.status, callId: call.callId, sessionId };
  });
  return { status: 200, body: { callSessions } };
}

/** `GET /sources/v1/recordingSettings`: the agents and whether Tethr wants their calls. */
async function recordingSettings(req: IncomingMessage, state: EmulatorState): Promise<Answer> {
  await drain(req);
  return state.authorize(req) ?? { status: 200, body: state.recordingSettings };
}

const heartbeat = z.strictObject({
  Status: z.union([0, 1, 10, 20, 30].map((n) => z.literal(n))),
  TimeStamp: z.iso.datetime({ offset: true }),
  Name: z.string().min(1),
});

/** `POST /callCapture/v1/monitor`: a heartbeat, 204; 404 where heartbeats are not supported. */
async function monitor(req: IncomingMessage, state: EmulatorState): Promise<Answer> {
  const parsed = await jsonBody(req, state, heartbeat);
  if ('answer' in parsed) return parsed.answer;
  if (!state.heartbeatsSupported) return message(404, 'Not Found');
  state.heartbeats.push(parsed.value);
  return { status: 204 };
}

/** An authorized JSON body matching `schema`, or the answer refusing it. */
async function jsonBody<T>(
  req: IncomingMessage,
  state: EmulatorState,
  schema: z.ZodType<T>,
): Promise<{ readonly value: T } | { readonly answer: Answer }> {
  const text = await readSmallBody(req);
  const denied = state.authorize(req);
  if (denied !== null) return { answer: denied };
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    return { answer: message(415, 'The request must be application/json') };
  }
  let value: unknown;
  try {
    value = JSON.parse(text ?? '');
  } catch {
    return { answer: message(400, 'The request body is not valid JSON') };
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return { value: parsed.data };
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  return { answer: message(400, `The request is invalid: ${problems.join('; ')}`) };
}
