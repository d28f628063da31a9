// The machine policy file, read by the real `call-courier run` (CALL_COURIER_POLICY_FILE):
// presets fill what the user left out, locks hold against the API, a broken file stops the start.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { runWithPolicy, type EndedRun, type StartedRun } from './run-with-policy.ts';

const REASON = 'Set by IT (ticket 4711): the office line is shared with the phones';

const POLICY = {
  settings: {
    upload: { concurrency: 3, bandwidthLimit: '256KB/s' },
    backfill: { since: '2024-01-01' },
  },
  locked: ['upload.bandwidthLimit'],
  reason: REASON,
};

/** An answer of the API, as far as these tests read it. */
interface Answer {
  readonly upload: Record<string, unknown>;
  readonly [key: string]: unknown;
}

async function api(run: StartedRun, method: string, path: string, body?: unknown) {
  const response = await fetch(`${run.url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${run.token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Answer };
}

async function folder(
  prefix: string,
): Promise<{ policyFile: string; config: string; dataDir: string }> {
  const dir = await tempDirForSuite(prefix);
  return {
    policyFile: join(dir, 'policy.json'),
    config: join(dir, 'config.json'),
    dataDir: join(dir, 'data'),
  };
}

function started(run: StartedRun | EndedRun): StartedRun {
  if ('code' in run) throw new Error(`call-courier run did not start:\n${run.stderr}`);
  return run;
}

describe('the machine policy file', { timeout: 60_000 }, () => {
  it('presets what the user left unset, and a locked setting holds against changes through the API', async () => {
    const paths = await folder('call-courier-policy-locks-');
    await writeFile(paths.policyFile, JSON.stringify(POLICY));
    // The user's own file sets a different limit: the lock wins; their concurrency stays theirs.
    await writeFile(
      paths.config,
      JSON.stringify({ upload: { concurrency: 1, bandwidthLimit: '10MB/s' } }),
    );
    const run = started(await runWithPolicy(paths));
    try {
      const settings = await api(run, 'GET', '/settings');
      expect(settings.json.upload).toMatchObject({ concurrency: 1, bandwidthLimit: '256KB/s' });
      expect(settings.json.backfill).toEqual({ since: '2024-01-01' });

      const policy = await api(run, 'GET', '/policy');
      expect(policy.json).toEqual({
        file: paths.policyFile,
        locked: [{ path: 'upload.bandwidthLimit', reason: REASON }],
      });

      const onDisk = await readFile(paths.config, 'utf8');
      const lifted = structuredClone(settings.json);
      lifted.upload.bandwidthLimit = 'off';
      const refused = await api(run, 'PUT', '/settings', lifted);
      expect(refused.status).toBe(409);
      expect(refused.json.errors).toEqual([
        { path: 'upload.bandwidthLimit', message: expect.stringContaining(REASON) },
      ]);
      // Leaving the locked setting out is a change too (it would mean "no limit").
      delete lifted.upload.bandwidthLimit;
      expect((await api(run, 'PUT', '/settings', lifted)).status).toBe(409);
      expect((await api(run, 'GET', '/settings')).json.upload.bandwidthLimit).toBe('256KB/s');
      expect(await readFile(paths.config, 'utf8')).toBe(onDisk);

      // What is not locked can still be changed, with the lock kept as it is.
      const allowed = structuredClone(settings.json);
      allowed.upload.concurrency = 4;
      const saved = await api(run, 'PUT', '/settings', allowed);
      expect(saved).toEqual({ status: 200, json: { ok: true } });
      const after = await api(run, 'GET', '/settings');
      expect(after.json.upload).toMatchObject({ concurrency: 4, bandwidthLimit: '256KB/s' });
    } finally {
      await run.stop();
    }
  });

  it('with no policy file, nothing is locked', async () => {
    const paths = await folder('call-courier-policy-none-');
    await writeFile(paths.config, JSON.stringify({ upload: { bandwidthLimit: '10MB/s' } }));
    const run = started(await runWithPolicy(paths));
    try {
      expect((await api(run, 'GET', '/policy')).json).toEqual({ file: null, locked: [] });
      const settings = (await api(run, 'GET', '/settings')).json;
      settings.upload.bandwidthLimit = 'off';
      expect((await api(run, 'PUT', '/settings', settings)).status).toBe(200);
    } finally {
      await run.stop();
    }
  });

  it('a broken policy file stops Call Courier from starting, naming the file and what is wrong', async () => {
    const paths = await folder('call-courier-policy-broken-');
    await writeFile(paths.config, '{}');
    const cases: readonly [string, readonly string[]][] = [
      ['{ "locked": ["upload.bandwidthLimit"], ', ['is not valid JSON']],
      [
        JSON.stringify({
          settings: { upload: { bandwidth: '1MB/s' } },
          locked: ['upload.bandwidthLimit'],
        }),
        [
          'settings.upload.bandwidth: is not a known setting',
          'locked[0]: locks "upload.bandwidthLimit" but "settings" gives it no value',
        ],
      ],
    ];
    for (const [text, expected] of cases) {
      await writeFile(paths.policyFile, text);
      const run = await runWithPolicy(paths);
      if (!('code' in run)) {
        await run.stop();
        throw new Error('call-courier run started with a broken policy file');
      }
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`the machine policy file ${paths.policyFile} has problems`);
      for (const line of expected) expect(run.stderr).toContain(line);
    }
  });
});
