/**
 * Answers the window's requests for app://courier/… from the built UI folder (dist/renderer):
 * nothing outside that folder (no `..`, no encoded separators, no symlinks leading out), nothing
 * hidden, and every page with the UI's strict Content-Security-Policy. Pure: no electron import;
 * register-app-protocol.ts hands it to protocol.handle.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { contentTypeFor, UI_CSP } from '../../core/server/static-files.ts';
import { isAppUrl } from './app-url.ts';

/** Headers on every file of the UI. */
const UI_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': UI_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** The answer to one request of the app:// scheme. */
export async function serveAppRequest(request: Request, root: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return refusal(405, 'the UI files can only be read');
  }
  if (!isAppUrl(request.url)) return refusal(404, 'there is nothing at this address');
  const file = await resolveAppFile(root, new URL(request.url).pathname);
  if (!file) return refusal(404, 'there is nothing at this address');
  const body = await readFile(file);
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...UI_HEADERS, 'Content-Type': contentTypeFor(file) },
  });
}

/**
 * The file of the UI folder an address path names, or null when there is none or it would lie
 * outside the folder. A folder means its index.html; a path without an extension is a route of
 * the single-page UI and gets index.html.
 */
export async function resolveAppFile(root: string, pathname: string): Promise<string | null> {
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const segments = decoded.split(/[\\/]/).filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return null;
  const candidate = resolve(realRoot, ...segments);
  if (!inside(realRoot, candidate)) return null;
  const found = await existingFile(realRoot, candidate);
  if (found) return found;
  return extname(decoded) === '' ? existingFile(realRoot, join(realRoot, 'index.html')) : null;
}

/** The real path of a file (a folder's index.html) if it exists inside root. */
async function existingFile(root: string, path: string): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  const file = info?.isDirectory() ? join(path, 'index.html') : path;
  const real = await realpath(file).catch(() => null);
  if (!real || !inside(root, real)) return null;
  return (await stat(real)).isFile() ? real : null;
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function refusal(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { ...UI_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
