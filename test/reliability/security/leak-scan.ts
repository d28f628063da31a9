// Searches files, folders and texts for secrets in every spelling they could take on the way out.
import { randomBytes } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A secret planted by a test: a name for the report and the value. */
export interface Canary {
  readonly name: string;
  readonly value: string;
}

/** One place where a secret was found. */
export interface Hit {
  readonly place: string;
  readonly canary: string;
  readonly spelling: string;
}

/** A distinctive secret no program would write by chance: `S3cr3t-Canary-<name>-<random>`. */
export function newCanary(name: string, extra = ''): Canary {
  return { name, value: `S3cr3t-Canary-${name}-${randomBytes(6).toString('hex')}${extra}` };
}

/**
 * The spellings a secret takes in text and bytes: as is, JSON-escaped, URL-encoded (both ways
 * of writing a space), UTF-16, base64 and hex; and base64 of `user:secret` (HTTP Basic).
 */
export function spellings(secret: string, users: readonly string[] = []): Map<string, Buffer> {
  const forms = new Map<string, Buffer>();
  const text = (name: string, value: string) => forms.set(name, Buffer.from(value, 'utf8'));
  text('plain', secret);
  text('json', JSON.stringify(secret).slice(1, -1));
  text('url', encodeURIComponent(secret));
  text('form', encodeURIComponent(secret).replaceAll('%20', '+'));
  forms.set('utf16', Buffer.from(secret, 'utf16le'));
  text('base64', Buffer.from(secret).toString('base64').replace(/=+$/, ''));
  text('base64url', Buffer.from(secret).toString('base64url'));
  text('hex', Buffer.from(secret).toString('hex'));
  for (const user of users) {
    text(`basic(${user})`, Buffer.from(`${user}:${secret}`).toString('base64').replace(/=+$/, ''));
  }
  return forms;
}

/** Finds the canaries in some bytes or text, labelled with where they came from. */
export function scanBytes(
  place: string,
  content: Buffer | string,
  canaries: readonly Canary[],
  users: readonly string[] = [],
): Hit[] {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const hits: Hit[] = [];
  for (const canary of canaries) {
    for (const [spelling, form] of spellings(canary.value, users)) {
      if (bytes.includes(form)) hits.push({ place, canary: canary.name, spelling });
    }
  }
  return hits;
}

/** What a scan of a folder read: the files (relative paths) and the hits. */
export interface TreeScan {
  readonly files: readonly string[];
  readonly hits: readonly Hit[];
}

/** Reads every regular file under `dir` (also hidden ones, WAL and journal files) and finds the canaries. */
export async function scanTree(
  dir: string,
  canaries: readonly Canary[],
  users: readonly string[] = [],
): Promise<TreeScan> {
  const files: string[] = [];
  const hits: Hit[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder)) {
      const path = join(folder, entry);
      const info = await lstat(path);
      if (info.isDirectory()) await walk(path);
      else if (info.isFile()) {
        const name = relative(dir, path);
        files.push(name);
        hits.push(...scanBytes(name, await readFile(path), canaries, users));
      }
    }
  };
  await walk(dir);
  return { files: files.sort(), hits };
}
