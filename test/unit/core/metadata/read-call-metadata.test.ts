import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PRESET_IDS,
  readCallMetadata,
  templateError,
} from '../../../../main/core/metadata/read-call-metadata.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const dir = await tempDirForSuite('call-courier-metadata-');
let folders = 0;

/** Writes a recording (and optionally its sidecar) into a fresh folder and returns its path. */
async function recording(name: string, sidecar?: Record<string, unknown>): Promise<string> {
  const folder = join(dir, String((folders += 1)));
  await mkdir(folder);
  await writeFile(join(folder, name), 'RIFF');
  if (sidecar) await writeFile(join(folder, `${name}.json`), JSON.stringify(sidecar));
  return join(folder, name);
}

const ET_NAME = '20240401_1520_Agent99_12345678_IN_0.wav';
const FREEPBX_NAME = 'in-4420800011-5559876543-20250327-021517-1743042317.12206.wav';
const CX_NAME = '[John Smith]_101-5551234567_20240401152000(42).wav';

describe('reading a recording’s call metadata', () => {
  it('presets are tried most specific first', () => {
    expect(PRESET_IDS).toEqual(['3cx', 'freepbx', 'enderturing']);
  });

  it.each([
    [ET_NAME, 'enderturing', { agentId: 'Agent99' }],
    [FREEPBX_NAME, 'freepbx', { callId: '1743042317.12206' }],
    [CX_NAME, '3cx', { agentId: '101' }],
  ] as const)('with no preset set, %s is recognised as %s', async (name, preset, some) => {
    const reading = await readCallMetadata(await recording(name), {});
    expect(reading.preset).toBe(preset);
    expect(reading.metadata).toMatchObject(some);
    expect(reading.problems).toEqual([]);
  });

  it('with no preset set and none matching, a metadata problem names each preset and why', async () => {
    const reading = await readCallMetadata(await recording('meeting notes.wav'), {});
    expect(reading).toEqual({
      metadata: {},
      preset: null,
      problems: [
        {
          code: 'metadata',
          message:
            "the call details could not be read from the name, which follows none of the presets tried (3CX: the name does not start with a [name] and _, as 3CX names do; FreePBX: 'meeting notes' is not a FreePBX recording type: use in, out, internal, external, q, rg, exten, conf, ondemand or force; Ender Turing: the 1st part 'meeting notes' is not a date: use YYYYMMDD, or YYYYMMDDHHMMSS for a campaign call).",
        },
      ],
    });
  });

  it('with a preset set, only that preset is tried', async () => {
    const reading = await readCallMetadata(await recording(FREEPBX_NAME), {
      preset: 'enderturing',
    });
    expect(reading.preset).toBeNull();
    expect(reading.metadata).toEqual({});
    expect(reading.problems).toEqual([
      {
        code: 'metadata',
        message:
          "the call details could not be read from the name, which does not follow the Ender Turing format: the 1st part 'in-4420800011-5559876543-20250327-021517-1743042317.12206' is not a date: use YYYYMMDD, or YYYYMMDDHHMMSS for a campaign call.",
      },
    ]);
  });

  it('with a template set, only the template is used, in the folder time zone', async () => {
    const path = await recording('Ann_2024-04-01 15.20.mp3');
    const reading = await readCallMetadata(path, {
      template: '{agentId}_{date:YYYY-MM-DD} {time:HH.mm}',
      timeZone: 'Europe/Kyiv',
      preset: 'enderturing',
    });
    expect(reading).toEqual({
      metadata: { agentId: 'Ann', startTime: '2024-04-01T15:20:00+03:00' },
      preset: 'template',
      problems: [],
    });
  });

  it('a name the template does not fit is a metadata problem saying where it stops', async () => {
    const reading = await readCallMetadata(await recording(ET_NAME), {
      template: '{agentId}-{clientId}',
    });
    expect(reading.problems).toEqual([
      {
        code: 'metadata',
        message:
          "the call details could not be read from the name by the folder's template: the name should have '-' after '20240401_1520_Agent99_12345678_IN_0'.",
      },
    ]);
  });

  it('an invalid template is a metadata problem with the template’s error', async () => {
    const reading = await readCallMetadata(await recording(ET_NAME), {
      template: '{agentId}{clientId}',
    });
    expect(reading.problems[0]?.message).toBe(
      `the call details could not be read from the name: the folder's template is not valid: ${templateError('{agentId}{clientId}')}.`,
    );
  });

  it('an unknown time zone is one metadata problem, not one per preset', async () => {
    const reading = await readCallMetadata(await recording(ET_NAME), { timeZone: 'Kyiv' });
    expect(reading).toEqual({
      metadata: {},
      preset: null,
      problems: [
        {
          code: 'metadata',
          message:
            "the call details could not be read from the name: the time zone 'Kyiv' is not an IANA time zone name such as Europe/Kyiv or UTC.",
        },
      ],
    });
  });

  it('the time zone applies to presets', async () => {
    const reading = await readCallMetadata(await recording(ET_NAME), { timeZone: 'Europe/Kyiv' });
    expect(reading.metadata.startTime).toBe('2024-04-01T15:20:00+03:00');
  });

  it('the sidecar merges into the name’s metadata and wins, extra keys merging too', async () => {
    const path = await recording('20240401_1520_A1_555_IN_0_branch-north_fileId-9.wav', {
      agentId: 'Agent-From-CRM',
      queue: 'Sales',
      extra: { branch: 'south' },
      ticket: 'T-1',
    });
    expect(await readCallMetadata(path, {})).toEqual({
      metadata: {
        startTime: '2024-04-01T15:20:00Z',
        agentId: 'Agent-From-CRM',
        clientId: '555',
        direction: 'IN',
        agentChannel: 0,
        queue: 'Sales',
        extra: { branch: 'south', fileId: '9', ticket: 'T-1' },
      },
      preset: 'enderturing',
      problems: [],
    });
  });

  it('a sidecar can give what an unreadable name could not; both problems are reported', async () => {
    const path = await recording('meeting.wav', { agentId: 'A1', direction: 'SIDEWAYS' });
    const reading = await readCallMetadata(path, { preset: '3cx' });
    expect(reading.metadata).toEqual({ agentId: 'A1' });
    expect(reading.problems.map((problem) => problem.code)).toEqual(['metadata', 'sidecar']);
  });
});
