import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which Call Courier this is, for call_courier_build_info. */
export interface BuildInfo {
  /** The package version, or "unknown" when its package.json cannot be read. */
  readonly version: string;
  /** The Node.js version it runs on, without the "v". */
  readonly node: string;
}

let cached: Promise<BuildInfo> | undefined;

/** This build's version and Node.js version (package.json is read once). */
export function buildInfo(): Promise<BuildInfo> {
  cached ??= packageVersion(dirname(fileURLToPath(import.meta.url))).then((version) => ({
    version,
    node: process.versions.node,
  }));
  return cached;
}

/** The version in the nearest package.json named call-courier, from `dir` upwards. */
async function packageVersion(dir: string): Promise<string> {
  for (let at = dir; ; at = dirname(at)) {
    const text = await readFile(join(at, 'package.json'), 'utf8').catch(() => null);
    const manifest =
      text === null ? null : (parseJson(text) as { name?: unknown; version?: unknown });
    if (manifest?.name === 'call-courier' && typeof manifest.version === 'string') {
      return manifest.version;
    }
    if (dirname(at) === at) return 'unknown';
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
