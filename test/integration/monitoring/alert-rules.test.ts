import { execFile } from 'node:child_process';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { monitoringDoc } from '../../fixtures/monitoring-docs.ts';
import { hasCommand } from '../../fixtures/system.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';

const available = hasCommand('promtool');

/** Runs promtool; answers its exit status and what it printed. */
function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('promtool', args, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe.skipIf(!available)(
  'the example alert rules and scrape config, checked by promtool',
  () => {
    it('each alert fires when its condition holds long enough, and only in business hours where it says so', async () => {
      const tests = fileURLToPath(new URL('alert-rules.promtool.yml', import.meta.url));
      const run = await promtool('test', 'rules', tests);
      expect(run.output).toContain('SUCCESS');
      expect(run.code).toBe(0);
    });

    it('the rules file is valid', async () => {
      const run = await promtool('check', 'rules', monitoringDoc('alerts.yml'));
      expect(run.output).toContain('SUCCESS: 7 rules found');
      expect(run.code).toBe(0);
    });

    it('the scrape config is valid once its token file exists', async () => {
      const dir = await tempDirForSuite('call-courier-promtool-');
      const tokenFile = join(dir, 'call-courier-monitor-token');
      await writeFile(tokenFile, 'a-monitor-token\n', { mode: 0o600 });
      const config = (await readFile(monitoringDoc('prometheus.yml'), 'utf8')).replace(
        '/etc/prometheus/call-courier-monitor-token',
        tokenFile,
      );
      await writeFile(join(dir, 'prometheus.yml'), config);
      await copyFile(monitoringDoc('alerts.yml'), join(dir, 'call-courier-alerts.yml'));
      const run = await promtool('check', 'config', join(dir, 'prometheus.yml'));
      expect(run.output).toContain('SUCCESS');
      expect(run.code).toBe(0);
    });
  },
);
