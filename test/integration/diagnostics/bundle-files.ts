// Opens a diagnostics bundle the way its reader would: with standard zip tools, not our own code.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';

const run = promisify(execFile);

/** The files inside a bundle, decompressed, keyed by their path in the archive. */
export type BundleFiles = ReadonlyMap<string, string>;

/**
 * Lists the zip with `unzip -l` (which fails on a broken archive), tests every entry's CRC
 * with `unzip -t`, extracts it with Python's zipfile, and reads every file.
 */
export async function openBundle(zip: Buffer | string, workDir: string): Promise<BundleFiles> {
  const path = typeof zip === 'string' ? zip : join(workDir, `bundle-${Date.now()}.zip`);
  if (typeof zip !== 'string') await writeFile(path, zip);
  const listing = await run('unzip', ['-l', path]);
  const tested = await run('unzip', ['-t', path]);
  if (!tested.stdout.includes('No errors detected')) {
    throw new Error(`unzip -t found errors in ${path}:\n${tested.stdout}`);
  }
  const out = await mkdtemp(join(workDir, 'extracted-'));
  await run('python3', ['-m', 'zipfile', '-e', path, out]);
  const files = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const name of await readdir(dir)) {
      const full = join(dir, name);
      if ((await stat(full)).isDirectory()) await walk(full);
      else files.set(relative(out, full), await readFile(full, 'utf8'));
    }
  };
  await walk(out);
  for (const name of files.keys()) {
    if (!listing.stdout.includes(name)) throw new Error(`unzip -l does not list ${name}`);
  }
  return files;
}

/** GET /api/v1/diagnostics with a token: the status, headers and the body's bytes. */
export async function downloadDiagnostics(
  url: string,
  token: string,
): Promise<{
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly bytes: Buffer;
}> {
  const answer = await request(`${url}/api/v1/diagnostics`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: answer.statusCode,
    headers: answer.headers,
    bytes: Buffer.from(await answer.body.arrayBuffer()),
  };
}
