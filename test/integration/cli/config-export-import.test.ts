// `call-courier config export` and `import`, run for real: settings travel from one machine to
// another, checked like the settings loader checks them, and never with a secret.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { runCli } from './run-cli.ts';

const SETTINGS = {
  watch: [{ path: '/var/spool/asterisk/monitor', destinations: ['et'], preset: 'freepbx' }],
  profiles: [
    {
      id: 'et',
      connector: 'enderturing',
      options: { baseUrl: 'https://company.enderturing.com', username: 'uploader@company.com' },
    },
  ],
  upload: { concurrency: 2, bandwidthLimit: '2MB/s' },
};

/** A folder of its own, and an environment with no machine policy in it. */
async function machine(prefix: string) {
  const dir = await tempDirForSuite(prefix);
  return { dir, env: { CALL_COURIER_POLICY_FILE: join(dir, 'no-policy.json') } };
}

describe('call-courier config export and import', { timeout: 60_000 }, () => {
  it('exports settings that another machine imports as they were, and tells it which secrets to store', async () => {
    const { dir, env } = await machine('call-courier-config-roundtrip-');
    const secret = 'correct horse battery staple';
    await writeFile(join(dir, 'settings.json'), JSON.stringify(SETTINGS));
    const file = join(dir, 'exported.json');
    const exported = await runCli(['config', 'export', '--data-dir', dir, '--out', file], {
      ...env,
      CALL_COURIER_ET_PASSWORD: secret,
    });
    expect(exported.status).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(JSON.parse(text)).toEqual(SETTINGS);
    expect(text + exported.stdout + exported.stderr).not.toContain(secret);
    expect(exported.stderr).toContain('call-courier secret set PROFILE FIELD');
    const other = join(dir, 'other-machine');
    await writeFile(join(dir, 'old.json'), '{}');
    const imported = await runCli(['config', 'import', file, '--data-dir', other], env);
    expect(imported.status).toBe(0);
    expect(JSON.parse(await readFile(join(other, 'settings.json'), 'utf8'))).toEqual(SETTINGS);
    expect(imported.stdout).toContain('Destination et takes secrets (password)');
    expect(imported.stdout).toContain('call-courier secret set et FIELD');

    // Importing again keeps the settings it replaces.
    const again = await runCli(
      ['config', 'import', join(dir, 'old.json'), '--data-dir', other],
      env,
    );
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(`kept in ${join(other, 'settings.json.before-import')}`);
    expect(JSON.parse(await readFile(join(other, 'settings.json.before-import'), 'utf8'))).toEqual(
      SETTINGS,
    );
  });

  it('import refuses a file with problems, in the settings loader’s own words, and changes nothing', async () => {
    const { dir, env } = await machine('call-courier-config-refused-');
    const target = join(dir, 'settings.json');
    await writeFile(target, '{}');
    const bad = join(dir, 'bad.json');
    await writeFile(
      bad,
      JSON.stringify({
        ...SETTINGS,
        upload: { concurrency: 0, bandwidthLimit: 'fast' },
        profiles: [
          {
            ...SETTINGS.profiles[0],
            options: { ...SETTINGS.profiles[0]?.options, password: 'hunter22' },
          },
        ],
      }),
    );
    const refused = await runCli(['config', 'import', bad, '--config', target], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain(`nothing imported: ${bad} has problems`);
    expect(refused.stderr).toContain('upload.concurrency: must be at least 1');
    expect(refused.stderr).toContain('upload.bandwidthLimit: must be a rate such as "2MB/s"');
    expect(refused.stderr).toContain(
      'profiles[0].options.password: is a secret and does not belong in the settings file',
    );
    expect(refused.stderr).not.toContain('hunter22');
    expect(await readFile(target, 'utf8')).toBe('{}');
  });

  it('a secret written into a header is refused by import and never exported', async () => {
    const { dir, env } = await machine('call-courier-config-header-secret-');
    const token = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0';
    const withHeader = {
      watch: [{ path: '/recordings', destinations: ['api'] }],
      profiles: [
        {
          id: 'api',
          connector: 'http',
          options: {
            url: 'https://api.example.com/upload',
            headers: { Authorization: `Bearer ${token}`, 'X-Agent': '{agentId}' },
          },
        },
      ],
    };
    const file = join(dir, 'settings.json');
    await writeFile(file, JSON.stringify(withHeader));
    const exported = await runCli(['config', 'export', '--config', file], env);
    expect(exported.status).toBe(1);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toContain(
      'profiles[0].options.headers.Authorization: looks like a secret written in plain text',
    );
    expect(exported.stderr).not.toContain(token);
    const imported = await runCli(
      ['config', 'import', file, '--data-dir', join(dir, 'other')],
      env,
    );
    expect(imported.status).toBe(1);
    expect(imported.stderr).toContain('{secret:apiKey}');

    // Written as a keychain reference, the same header travels.
    for (const profile of withHeader.profiles) {
      profile.options.headers.Authorization = 'Bearer {secret:apiKey}';
    }
    await writeFile(file, JSON.stringify(withHeader));
    expect((await runCli(['config', 'export', '--config', file], env)).status).toBe(0);
  });
});
