import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { runCli } from './run-cli.ts';

interface CheckOutput {
  file: string;
  audio: Record<string, unknown> | null;
  metadata: Record<string, unknown>;
  preset: string | null;
  problems: { destination?: string; code: string; message: string }[];
}

const parse = (stdout: string) => JSON.parse(stdout) as CheckOutput[];
const codesFor = (result: CheckOutput | undefined, destination?: string) =>
  (result?.problems ?? []).filter((p) => p.destination === destination).map((p) => p.code);

describe('call-courier check', async () => {
  const dir = await tempDirForSuite();

  it('shows what the platforms will see of the seed’s worked example, and exits 0', async () => {
    const file = await writeWav(join(dir, '20240401_1520_Agent99_12345678_IN_0.wav'), {
      channels: 2,
      sampleRate: 8000,
      seconds: 3,
    });
    const run = await runCli(['check', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(parse(run.stdout)).toEqual([
      {
        file,
        sizeBytes: expect.any(Number),
        audio: {
          container: 'wav',
          codec: 'pcm',
          channels: 2,
          sampleRate: 8000,
          durationSec: 3,
          bitsPerSample: 16,
        },
        metadata: {
          startTime: '2024-04-01T15:20:00Z',
          agentId: 'Agent99',
          clientId: '12345678',
          direction: 'IN',
          agentChannel: 0,
        },
        preset: 'enderturing',
        problems: [],
      },
    ]);
  });

  it('names, per platform, what stops a mono FreePBX recording, and exits 1', async () => {
    const file = await writeWav(join(dir, 'out-0501234567-201-20240401-152000-1711985000.42.wav'), {
      codec: 'mulaw',
      channels: 1,
      seconds: 2,
    });
    const run = await runCli(['check', file]);
    expect(run.status).toBe(1);
    const [result] = parse(run.stdout);
    expect(result?.preset).toBe('freepbx');
    expect(result?.metadata).toMatchObject({
      direction: 'OUT',
      agentId: '201',
      clientId: '0501234567',
      callId: '1711985000.42',
    });
    expect(codesFor(result, 'enderturing')).toEqual(['mono', 'name']);
    expect(codesFor(result, 'tethr')).toEqual(['mono']);
    expect(codesFor(result, 'authenticx')).toEqual([]);
    expect(codesFor(result, undefined)).toEqual([]);
    expect(result?.problems.find((p) => p.destination === 'enderturing')?.message).toMatch(
      /^mono file: Ender Turing needs stereo with the agent and the client on separate channels/,
    );
  });

  it('says which formats a platform takes when it refuses the codec', async () => {
    const file = await writeWav(join(dir, '20240401_1520_Agent99_12345678_IN_0-gsm.wav'), {
      codec: 'gsm610',
      channels: 2,
      seconds: 1,
    });
    const [result] = parse((await runCli(['check', file])).stdout);
    const tethr = result?.problems.find((p) => p.destination === 'tethr');
    expect(tethr).toMatchObject({ code: 'unsupported-format' });
    expect(tethr?.message).toContain(
      'Tethr does not accept WAV with GSM 6.10 audio: it takes WAV (PCM or μ-law), MP3 and Ogg/Opus',
    );
  });

  it('judges a file only by its watch folder’s destinations, preset and time zone with --config', async () => {
    const folder = join(dir, 'monitor');
    await mkdir(join(folder, '2024', '04'), { recursive: true });
    const file = await writeWav(
      join(folder, '2024', '04', 'in-5550100-0501234567-20240401-152000-1711985000.7.WAV'),
      {
        codec: 'mulaw',
        channels: 1,
        seconds: 1,
      },
    );
    const config = join(dir, 'office.json');
    await writeFile(
      config,
      JSON.stringify({
        watch: [{ path: folder, destinations: ['ax'], preset: 'freepbx', timeZone: 'Europe/Kyiv' }],
        profiles: [
          { id: 'ax', connector: 'authenticx', options: { clientId: 'office' } },
          {
            id: 'et',
            connector: 'enderturing',
            options: { baseUrl: 'https://company.enderturing.com', username: 'u' },
          },
        ],
      }),
    );
    const run = await runCli(['check', '--config', config, file]);
    expect(run.status).toBe(0);
    const [result] = parse(run.stdout);
    expect(result?.problems).toEqual([]);
    expect(result?.metadata).toMatchObject({
      startTime: '2024-04-01T15:20:00+03:00',
      direction: 'IN',
      did: '5550100',
    });
  });

  it('refuses a broken config file with every problem on stderr, and exits 2', async () => {
    const config = join(dir, 'broken.json');
    await writeFile(
      config,
      JSON.stringify({
        profiles: [{ id: 'et', connector: 'enderturing', options: { password: 'x' } }],
      }),
    );
    const run = await runCli(['check', '--config', config, join(dir, 'any.wav')]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('profiles[0].options.baseUrl: is required');
    expect(run.stderr).toContain('profiles[0].options.password: is a secret');
    expect(run.stderr).not.toContain('"x"');
  });

  it('reports each file on its own: a text file is not audio while the next one is fine', async () => {
    const text = join(dir, '20240401_1521_Agent99_12345678_IN_0.wav');
    await writeFile(text, 'this is a note, not a recording\n');
    const good = await writeWav(join(dir, '20240401_1522_Agent99_12345678_OUT_1.wav'), {
      channels: 2,
      seconds: 1,
    });
    const run = await runCli(['check', text, good]);
    expect(run.status).toBe(1);
    const [bad, fine] = parse(run.stdout);
    expect(bad?.audio).toBeNull();
    expect(bad?.problems.map((p) => [p.destination, p.code])).toEqual([[undefined, 'not-audio']]);
    expect(fine?.problems).toEqual([]);
    expect(fine?.metadata).toMatchObject({ direction: 'OUT', agentChannel: 1 });
  });

  it('reads names with a template given on the command line', async () => {
    const file = await writeWav(join(dir, 'rec-2024-04-01-0930-ivan-0671234567.wav'), {
      channels: 2,
      seconds: 1,
    });
    const run = await runCli([
      'check',
      '--template',
      'rec-{date:YYYY-MM-DD}-{time:HHmm}-{agentId}-{clientId}',
      '--time-zone',
      'Europe/Kyiv',
      file,
    ]);
    const [result] = parse(run.stdout);
    expect(result?.preset).toBe('template');
    expect(result?.metadata).toEqual({
      startTime: '2024-04-01T09:30:00+03:00',
      agentId: 'ivan',
      clientId: '0671234567',
    });
  });

  it('explains usage mistakes and exits 2', async () => {
    expect((await runCli(['check'])).status).toBe(2);
    const badPreset = await runCli(['check', '--preset', 'avaya', 'x.wav']);
    expect(badPreset).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('--preset must be one of: '),
    });
    const badTemplate = await runCli(['check', '--template', '{agentId}{clientId}', 'x.wav']);
    expect(badTemplate.status).toBe(2);
    expect(badTemplate.stderr).toMatch(/^call-courier check: --template: /);
    const unknown = await runCli(['upload']);
    expect(unknown).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown command "upload"'),
    });
    // Names every object has are not commands either.
    const inherited = await runCli(['constructor']);
    expect(inherited).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('unknown command "constructor"'),
    });
  });
});

describe('call-courier schema', () => {
  it('prints the config file’s JSON Schema, with each connector’s options', async () => {
    const run = await runCli(['schema']);
    expect(run.status).toBe(0);
    const schema = JSON.parse(run.stdout) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'watch',
      'profiles',
      'upload',
      'backfill',
      'alarms',
      'privacy',
      'supervisor',
      'monitoring',
    ]);
    expect(run.stdout).toContain('"baseUrl"');
    expect(run.stdout).toContain('"useRecordingSettings"');
  });
});
