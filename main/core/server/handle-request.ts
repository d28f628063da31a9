import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { apiFailure } from './api-errors.ts';
import { checkRole, type ApiTokens } from './api-roles.ts';
import { API_ROUTES, type RouteContext } from './api-routes.ts';
import { checkToken } from './bearer-token.ts';
import { HttpError, sendAnswer, sendError } from './http-answers.ts';
import { hasBody, requireMediaType } from './request-body.ts';
import { changesState, checkHost, checkSameOrigin } from './request-guards.ts';
import { matchRoute } from './route-table.ts';
import { API_ONLY_PAGE, serveStatic } from './static-files.ts';

/** What the request handler needs besides the request. */
export interface RequestHandlerOptions {
  /** The admin token, and the read-only monitor token when there is one. */
  readonly tokens: ApiTokens;
  /** The Host header values the server listens as (known once it is bound). */
  readonly allowedHosts: () => ReadonlySet<string>;
  /** Whether the server serves HTTPS (its pages' Origin is then https://…). */
  readonly secure?: boolean;
  readonly context: RouteContext;
  readonly staticDir?: string;
  readonly log: (line: string) => void;
}

/**
 * Guards then routes every request: Host first (DNS rebinding), then OPTIONS (no CORS), then the
 * token, then its role (a monitor token only reads), then cross-site writes and body types.
 * Failures answer `{ "error": "…" }`; the log line names method, path (never the query, which
 * may hold the token) and status.
 */
export function createRequestHandler(options: RequestHandlerOptions): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '').split('?', 1)[0];
    let problem = '';
    handle(req, res, options)
      .catch((error: unknown) => {
        const failure = apiFailure(error);
        problem = `: ${failure.message}`;
        if (res.headersSent) res.destroy();
        else sendError(res, failure);
      })
      .finally(() => options.log(`${req.method} ${path} ${res.statusCode}${problem}`));
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  options: RequestHandlerOptions,
): Promise<void> {
  const url = requestUrl(req);
  checkHost(req, options.allowedHosts());
  const method = req.method ?? 'GET';
  if (url.pathname.startsWith('/api/') || url.pathname === '/metrics') {
    await handleApi(req, res, url, method, options);
  } else {
    await handleSite(req, res, url, method, options);
  }
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  options: RequestHandlerOptions,
): Promise<void> {
  const match = matchRoute(API_ROUTES, method, url.pathname);
  // Preflights carry no token; they are refused before it is asked for, and never granted.
  if (method === 'OPTIONS') throw wrongMethod('allow' in match ? match.allow : []);
  const role = checkToken(req, url, options.tokens);
  if (!match.route) throw wrongMethod(match.allow);
  checkRole(role, match.route.access);
  if (changesState(method)) {
    checkSameOrigin(req, options.secure === true ? 'https' : 'http');
    if (hasBody(req)) requireMediaType(req, match.route.bodyTypes ?? ['application/json']);
  }
  const { route, params } = match;
  const answer = await route.handle({ req, res, url, params, context: options.context });
  if (answer) sendAnswer(res, answer);
}

async function handleSite(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  method: string,
  options: RequestHandlerOptions,
): Promise<void> {
  if (method !== 'GET' && method !== 'HEAD') throw wrongMethod(['GET', 'HEAD']);
  if (options.staticDir !== undefined) {
    await serveStatic(req, res, options.staticDir, url.pathname).catch((error: unknown) => {
      if (error instanceof HttpError) throw error;
      options.log(`the UI could not be served: ${(error as Error).message}`);
      throw new HttpError(500, 'the UI could not be read');
    });
  } else if (url.pathname === '/') {
    sendAnswer(res, { status: 200, text: API_ONLY_PAGE, contentType: 'text/plain; charset=utf-8' });
  } else {
    throw new HttpError(404, 'there is nothing at this address');
  }
}

function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '';
  if (!target.startsWith('/'))
    throw new HttpError(400, 'the request must name a path on this server');
  return new URL(`http://localhost${target}`);
}

function wrongMethod(allow: readonly string[]): HttpError {
  if (allow.length === 0) return new HttpError(404, 'there is nothing at this address');
  return new HttpError(405, `this address accepts ${allow.join(', ')} only`, {
    Allow: allow.join(', '),
  });
}
