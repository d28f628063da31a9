// Runs @doyensec/electronegativity over one folder and prints its findings as JSON on stdout.
// Usage: node electronegativity-child.ts <folder> <electron-version>
// A child process of its own because electronegativity registers globals, may call
// process.exit, and fetches translations over the network; here that fetch (and the Electron
// release list, whose check is excluded) fail at once instead, so the scan is hermetic.
import { createRequire } from 'node:module';

const [input, electronVersion] = process.argv.slice(2);
if (input === undefined || electronVersion === undefined) {
  throw new Error('usage: electronegativity-child.ts <folder> <electron-version>');
}

const requireFromHere = createRequire(import.meta.url);
const scannerPath = requireFromHere.resolve('@doyensec/electronegativity');
const requireFromScanner = createRequire(scannerPath);

/** Stands in for `got`: every request fails at once, as it would with no network. */
function offline(): Promise<never> {
  return Promise.reject(new Error('network disabled during the security scan'));
}
offline.default = offline;
offline.head = offline;
const gotPath = requireFromScanner.resolve('got');
requireFromScanner.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: offline,
} as unknown as NodeJS.Module;

interface RawIssue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: { readonly name: string };
  readonly confidence: { readonly name: string };
  readonly description?: string;
  readonly sample?: string;
}

interface RawResult {
  readonly errors: readonly { readonly file: string; readonly message: string }[];
  readonly issues: readonly RawIssue[];
}

// Electronegativity talks on stdout; stdout carries only the JSON answer.
console.log = (...args: unknown[]): void => console.error(...args);

const run = requireFromScanner(scannerPath) as (options: object) => Promise<RawResult>;
const result = await run({
  input,
  isRelative: true,
  electronVersionOverride: electronVersion,
  // Looks up Electron's release list on the internet: not a property of our code.
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'.toLowerCase()],
});

const findings = result.issues.map((issue) => ({
  id: issue.id,
  file: issue.file,
  line: issue.location.line,
  column: issue.location.column,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  description: issue.description ?? '',
  sample: issue.sample ?? '',
}));
process.stdout.write(JSON.stringify({ errors: result.errors, findings }));
