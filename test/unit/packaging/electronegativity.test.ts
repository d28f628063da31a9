// The Electron security scan (@doyensec/electronegativity) as a test: no finding above informational
// in the app's Electron code without an explained exception in build/electronegativity-exceptions.json.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  describeFinding,
  loadExceptions,
  scanFolder,
  stageElectronCode,
  staleExceptions,
  unexplainedFindings,
  type Finding,
  type ScanResult,
} from './electronegativity-scan.ts';

let temp = '';
beforeAll(async () => {
  temp = await tempDirForSuite('call-courier-electronegativity-');
});

/** Scans TypeScript sources written into a fresh folder as main/electron/<name>. */
async function scanSources(files: Readonly<Record<string, string>>): Promise<readonly Finding[]> {
  const folder = await mkdtemp(join(temp, 'fixture-'));
  for (const [name, source] of Object.entries(files)) {
    await mkdir(join(folder, 'main/electron'), { recursive: true });
    await writeFile(join(folder, 'main/electron', name), source);
  }
  const result = await scanFolder(folder);
  expect(result.errors).toEqual([]);
  return result.findings;
}

let appScan: Promise<{ staged: readonly string[]; result: ScanResult }> | undefined;

/** Stages and scans the app's Electron code once for the tests that need it. */
function scanApp(): Promise<{ staged: readonly string[]; result: ScanResult }> {
  appScan ??= (async () => {
    const stage = join(temp, 'app');
    const staged = await stageElectronCode(stage);
    return { staged, result: await scanFolder(stage) };
  })();
  return appScan;
}

/** The check ids found in one file. */
function idsIn(findings: readonly Finding[], file: string): readonly string[] {
  return findings.filter((finding) => finding.file === file).map((finding) => finding.id);
}

describe('Electron security scan (electronegativity)', { timeout: 60_000 }, () => {
  it('the app has no finding above informational left unexplained, and every file was read', async () => {
    const { staged, result } = await scanApp();
    expect(staged, 'main/electron (the Electron main process) is scanned').toContain(
      'main/electron',
    );
    // A file electronegativity cannot parse is silently not checked: that must fail too.
    expect(result.errors, 'files electronegativity could not parse').toEqual([]);
    const unexplained = unexplainedFindings(result.findings, await loadExceptions());
    expect(
      unexplained.map(describeFinding),
      'fix these, or explain them in build/electronegativity-exceptions.json',
    ).toEqual([]);
  });

  it('every exception still matches a finding (remove the ones the code no longer needs)', async () => {
    const { result } = await scanApp();
    const stale = staleExceptions(result.findings, await loadExceptions());
    expect(stale.map((exception) => `${exception.id} in ${exception.file}`)).toEqual([]);
  });

  it('catches an insecure window written in TypeScript', async () => {
    const findings = await scanSources({
      'insecure-window.ts': `
        import { BrowserWindow, type WebPreferences } from 'electron';
        type Size = { readonly width: number };
        const size = { width: 800 } as const satisfies Size;
        export function open(): BrowserWindow {
          const window = new BrowserWindow({
            ...size,
            webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false },
          });
          void window.loadURL('https://example.com/' as string);
          return window;
        }
        export const unused: WebPreferences | undefined = undefined;
      `,
    });
    const ids = idsIn(findings, 'main/electron/insecure-window.ts');
    expect(ids).toEqual(
      expect.arrayContaining([
        'NODE_INTEGRATION_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'WEB_SECURITY_JS_CHECK',
      ]),
    );
    expect(unexplainedFindings(findings, [])).not.toEqual([]);
  });

  it('reads the values, so a window with the secure settings is not flagged for them', async () => {
    const findings = await scanSources({
      'secure-window.ts': `
        import { BrowserWindow } from 'electron';
        export function open(preload: string): BrowserWindow {
          return new BrowserWindow({
            show: false,
            webPreferences: {
              preload,
              contextIsolation: true,
              sandbox: true,
              nodeIntegration: false,
              webSecurity: true,
              disableBlinkFeatures: 'Auxclick',
            },
          });
        }
      `,
    });
    const ids = idsIn(findings, 'main/electron/secure-window.ts');
    for (const id of [
      'NODE_INTEGRATION_JS_CHECK',
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'AUXCLICK_JS_CHECK',
    ]) {
      expect(ids).not.toContain(id);
    }
  });

  it('an explained exception covers its finding, and only in the file it names', () => {
    const finding: Finding = {
      id: 'CSP_GLOBAL_CHECK',
      file: 'N/A',
      line: 0,
      column: 0,
      severity: 'MEDIUM',
      confidence: 'CERTAIN',
      description: 'No CSP has been detected in the target application',
      sample: '',
    };
    const reason = 'the policy is sent as a header by the app:// protocol handler';
    expect(
      unexplainedFindings([finding], [{ id: 'CSP_GLOBAL_CHECK', file: 'N/A', reason }]),
    ).toEqual([]);
    expect(
      unexplainedFindings(
        [finding],
        [{ id: 'CSP_GLOBAL_CHECK', file: 'preload/index.ts', reason }],
      ),
    ).toEqual([finding]);
    expect(unexplainedFindings([{ ...finding, severity: 'INFORMATIONAL' }], [])).toEqual([]);
    expect(unexplainedFindings([{ ...finding, severity: 'LOW' }], [])).toEqual([
      { ...finding, severity: 'LOW' },
    ]);
  });
});
