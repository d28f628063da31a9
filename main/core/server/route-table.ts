import { HttpError } from './http-answers.ts';

/** A path pattern such as `/api/v1/recordings/:id/retry`; `:name` matches one segment. */
export interface RoutePattern {
  readonly method: string;
  readonly path: string;
}

/** The route for a request with its decoded path parameters, or the methods the path does accept. */
export type RouteMatch<R> =
  | { readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly route: null; readonly allow: readonly string[] };

/** Finds the route for a method and path; `allow` is empty when no route has that path. */
export function matchRoute<R extends RoutePattern>(
  routes: readonly R[],
  method: string,
  pathname: string,
): RouteMatch<R> {
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (!params) continue;
    if (route.method === method) return { route, params };
    allow.push(route.method);
  }
  return { route: null, allow };
}

function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? '';
    if (part.startsWith(':')) {
      if (segment === '') return null;
      params[part.slice(1)] = decodeSegment(segment);
    } else if (part !== segment) {
      return null;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `the address part "${segment}" is not valid percent-encoding`);
  }
}
