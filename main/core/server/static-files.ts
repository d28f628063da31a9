import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { HttpError } from './http-answers.ts';

/** The UI's Content-Security-Policy: only its own scripts, styles and API; no frames, plugins or inline code. */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The content type a file is served with, from its extension. */
export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The page `GET /` shows when no UI is served: the API is here, and how to get the window. */
export const API_ONLY_PAGE =
  'Call Courier is running. Its local API is at /api/v1/ ' +
  '(send Authorization: Bearer <token>; the token is in the data folder, in api-token).\n' +
  'The window is not built: run `npm run build:ui`.\n';

/**
 * Serves a file of the UI at `pathname` from `staticDir`: index.html for folders and for
 * client-side routes (paths without an extension); nothing outside the folder, nothing hidden.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
  pathname: string,
): Promise<void> {
  const root = await realpath(staticDir);
  const relative = decodePath(pathname);
  const file = (await findFile(root, relative)) ?? (await spaFallback(root, relative));
  const size = (await stat(file)).size;
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(size),
    'Content-Security-Policy': UI_CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(file), res);
}

function decodePath(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new HttpError(400, 'the address is not valid percent-encoding');
  }
  if (decoded.includes('\0')) throw new HttpError(400, 'the address is not valid');
  return decoded;
}

/** The file for a path if it is inside root and not hidden; a folder means its index.html. */
async function findFile(root: string, relative: string): Promise<string | null> {
  const segments = relative.split(/[\\/]/).filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) throw notFound();
  const candidate = resolve(root, ...segments);
  if (!inside(root, candidate)) throw notFound();
  const info = await stat(candidate).catch(() => null);
  const file = info?.isDirectory() ? join(candidate, 'index.html') : candidate;
  const real = await realpath(file).catch(() => null);
  if (!real) return null;
  if (!inside(root, real)) throw notFound();
  return (await stat(real)).isFile() ? real : null;
}

/** A client-side route (no extension) gets index.html; a missing asset is a 404. */
async function spaFallback(root: string, relative: string): Promise<string> {
  if (extname(relative) !== '') throw notFound();
  const index = join(root, 'index.html');
  if (!(await stat(index).catch(() => null))?.isFile()) throw notFound();
  return index;
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function notFound(): HttpError {
  return new HttpError(404, 'there is nothing at this address');
}
