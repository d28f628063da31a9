// Checks the production dependencies for known high and critical vulnerabilities:
//   node build/audit.ts
// Runs `npm audit --omit=dev --audit-level=high` and ends with its exit status (0: nothing
// high or critical). When the registry's audit service cannot answer, it says so plainly and
// exits 3 (UNCHECKED), so that an audit that did not run is never reported as a clean one and
// a caller can tell "not checked" from "vulnerable".
import { spawn } from 'node:child_process';

const ARGS = ['audit', '--omit=dev', '--audit-level=high'] as const;

/** Runs npm audit, echoing what it prints, and answers its exit status and its error output. */
function runAudit(): Promise<{ readonly code: number; readonly stderr: string }> {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ARGS, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      process.stderr.write(text);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}

console.log(`$ npm ${ARGS.join(' ')}`);
/** The exit status that means the registry could not be asked: nothing was checked. */
const UNCHECKED = 3;

const { code, stderr } = await runAudit();
if (code !== 0 && /audit endpoint returned an error|ENOAUDIT|405 Method Not Allowed/.test(stderr)) {
  process.exitCode = UNCHECKED;
  console.error(
    'build/audit.ts: the registry did not answer the audit request, so the dependencies were NOT ' +
      'checked. Run it where https://registry.npmjs.org/-/npm/v1/security/advisories/bulk is reachable.',
  );
} else {
  process.exitCode = code;
}
