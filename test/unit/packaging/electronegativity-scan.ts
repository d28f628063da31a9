// Runs electronegativity (in a child process: electronegativity-child.ts) over the app's Electron
// code and compares its findings with the explained exceptions in
// build/electronegativity-exceptions.json.
import { execFile } from 'node:child_process';
import { cp, readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { REPO_ROOT } from './repo-root.ts';

const run = promisify(execFile);

/** Folders with code that runs in Electron: the main process shell, the preload, the window. */
export const SCANNED_FOLDERS = ['main/electron', 'preload', 'renderer'] as const;

/** Severities that fail the build unless explained: everything above informational. */
export const BLOCKING_SEVERITIES: ReadonlySet<string> = new Set(['HIGH', 'MEDIUM', 'LOW']);

const findingSchema = z.object({
  id: z.string(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  severity: z.enum(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']),
  confidence: z.string(),
  description: z.string(),
  sample: z.string(),
});

const scanSchema = z.object({
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
  findings: z.array(findingSchema),
});

/** One electronegativity finding; `file` is relative to the scanned folder, or "N/A". */
export type Finding = Readonly<z.infer<typeof findingSchema>>;

/** What a scan found, and the files it could not parse (and so did not check). */
export type ScanResult = Readonly<z.infer<typeof scanSchema>>;

const exceptionSchema = z.object({
  id: z.string().regex(/^[A-Z_]+$/, 'a check id such as CSP_GLOBAL_CHECK'),
  file: z.string().min(1),
  reason: z.string().min(40, 'say why the finding does not apply, in a sentence or two'),
});

const exceptionsFileSchema = z.object({
  $comment: z.string().optional(),
  exceptions: z.array(exceptionSchema),
});

/** A finding a person has reviewed and explained: check id, file ("N/A" for global checks). */
export type ScanException = Readonly<z.infer<typeof exceptionSchema>>;

/** Copies the existing scanned folders (without node_modules or build output) into `into`. */
export async function stageElectronCode(into: string): Promise<readonly string[]> {
  const staged: string[] = [];
  for (const folder of SCANNED_FOLDERS) {
    const from = new URL(`${folder}/`, REPO_ROOT);
    const exists = await stat(from).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!exists) continue;
    await cp(fileURLToPath(from), `${into}/${folder}`, {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|dist)([\\/]|$)/.test(source),
    });
    staged.push(folder);
  }
  return staged;
}

/** The Electron version the app is built with (electronegativity's checks depend on it). */
export async function electronVersion(): Promise<string> {
  const manifest = await readFile(new URL('node_modules/electron/package.json', REPO_ROOT), 'utf8');
  return z.object({ version: z.string() }).parse(JSON.parse(manifest)).version;
}

/** Runs electronegativity over a folder. */
export async function scanFolder(folder: string): Promise<ScanResult> {
  const child = fileURLToPath(new URL('electronegativity-child.ts', import.meta.url));
  const { stdout } = await run(process.execPath, [child, folder, await electronVersion()], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return scanSchema.parse(JSON.parse(stdout));
}

/** The explained exceptions, validated. */
export async function loadExceptions(): Promise<readonly ScanException[]> {
  const text = await readFile(
    new URL('build/electronegativity-exceptions.json', REPO_ROOT),
    'utf8',
  );
  return exceptionsFileSchema.parse(JSON.parse(text)).exceptions;
}

/** Whether an exception covers a finding (same check, same file; lines move, so not the line). */
export function covers(exception: ScanException, finding: Finding): boolean {
  return exception.id === finding.id && exception.file === finding.file;
}

/** High and medium findings that no exception explains. */
export function unexplainedFindings(
  findings: readonly Finding[],
  exceptions: readonly ScanException[],
): readonly Finding[] {
  return findings.filter(
    (finding) =>
      BLOCKING_SEVERITIES.has(finding.severity) &&
      !exceptions.some((exception) => covers(exception, finding)),
  );
}

/** Exceptions that no longer match any finding (the code changed: drop them). */
export function staleExceptions(
  findings: readonly Finding[],
  exceptions: readonly ScanException[],
): readonly ScanException[] {
  return exceptions.filter((exception) => !findings.some((finding) => covers(exception, finding)));
}

/** A finding as one readable line for a failure message. */
export function describeFinding(finding: Finding): string {
  const where = finding.file === 'N/A' ? 'whole app' : `${finding.file}:${finding.line}`;
  return `${finding.severity} ${finding.id} (${where}): ${finding.description}`;
}
