import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSidecar, sidecarMetadata } from '../../../../main/core/metadata/sidecar.ts';
import { tempDirForSuite } from '../../../fixtures/temp-dir.ts';

const dir = await tempDirForSuite('call-courier-sidecar-');
let folders = 0;

/** A recording (its content does not matter here) with the given files next to it. */
async function recordingWith(name: string, files: Record<string, string>): Promise<string> {
  const folder = join(dir, String((folders += 1)));
  await mkdir(folder);
  await writeFile(join(folder, name), 'RIFF');
  for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text);
  return join(folder, name);
}

describe('the sidecar JSON next to a recording', () => {
  it('a recording without one reads as nothing, with no problem', async () => {
    const path = await recordingWith('rec.wav', {});
    expect(await readSidecar(path)).toEqual({ path: null, metadata: {}, problems: [] });
  });

  it('rec.wav.json is read first, before rec.json', async () => {
    const path = await recordingWith('rec.wav', {
      'rec.wav.json': '{"agentId": "from-full-name"}',
      'rec.json': '{"agentId": "from-stem"}',
    });
    const reading = await readSidecar(path);
    expect(reading.path).toBe(`${path}.json`);
    expect(reading.metadata).toEqual({ agentId: 'from-full-name' });
  });

  it('rec.json is read when rec.wav.json is not there', async () => {
    const path = await recordingWith('rec.wav', { 'rec.json': '{"queue": "Sales"}' });
    expect((await readSidecar(path)).metadata).toEqual({ queue: 'Sales' });
  });

  it('canonical fields are kept, unknown keys go into extra, nested values as JSON text', async () => {
    const path = await recordingWith('rec.wav', {
      'rec.wav.json': JSON.stringify({
        direction: 'OUT',
        agentChannel: 1,
        holds: [{ startSec: 5, endSec: 9 }],
        extra: { ticket: 'T-1' },
        crmId: 77,
        vip: true,
        tags: ['a', 'b'],
        customer: { tier: 'gold' },
      }),
    });
    expect(await readSidecar(path)).toEqual({
      path: `${path}.json`,
      metadata: {
        direction: 'OUT',
        agentChannel: 1,
        holds: [{ startSec: 5, endSec: 9 }],
        extra: {
          ticket: 'T-1',
          crmId: 77,
          vip: true,
          tags: '["a","b"]',
          customer: '{"tier":"gold"}',
        },
      },
      problems: [],
    });
  });

  it('a value that is not allowed is a sidecar problem naming the key; the rest still applies', async () => {
    const path = await recordingWith('rec.wav', {
      'rec.wav.json': '{"direction": "SIDEWAYS", "agentChannel": 2, "agentId": "A1"}',
    });
    const reading = await readSidecar(path);
    expect(reading.metadata).toEqual({ agentId: 'A1' });
    expect(reading.problems).toEqual([
      {
        code: 'sidecar',
        message:
          'the sidecar rec.wav.json has direction "SIDEWAYS", which is not allowed: use "IN", "OUT", "INTERNAL" or "UNKNOWN". The rest of the sidecar was used.',
      },
      {
        code: 'sidecar',
        message:
          'the sidecar rec.wav.json has agentChannel 2, which is not allowed: use 0 or 1. The rest of the sidecar was used.',
      },
    ]);
  });

  it('a start time without an offset is refused with an example', () => {
    const { problems } = sidecarMetadata({ startTime: '2024-04-01 15:20' }, 'rec.json');
    expect(problems[0]?.message).toBe(
      'the sidecar rec.json has startTime "2024-04-01 15:20", which is not allowed: use an ISO 8601 date and time with an offset, such as 2024-04-01T15:20:00+03:00. The rest of the sidecar was used.',
    );
  });

  it('null for a canonical field means the sidecar does not say', () => {
    expect(sidecarMetadata({ queue: null, agentId: 'A' }, 'rec.json')).toEqual({
      metadata: { agentId: 'A' },
      problems: [],
    });
  });

  it('invalid JSON is a sidecar problem with the parser’s position, and nothing of it is used', async () => {
    const path = await recordingWith('rec.wav', { 'rec.wav.json': '{\n  "agentId": "A1",\n}' });
    expect(await readSidecar(path)).toEqual({
      path: `${path}.json`,
      metadata: {},
      problems: [
        {
          code: 'sidecar',
          message:
            'the sidecar rec.wav.json is not valid JSON (line 3, column 1: expected a property name in double quotes). Its details were not used.',
        },
      ],
    });
  });

  it('JSON cut short says where it ends', async () => {
    const path = await recordingWith('rec.wav', { 'rec.wav.json': '{"agentId": "A1"' });
    expect((await readSidecar(path)).problems[0]?.message).toMatch(
      /\(line 1, column 17: expected "}"\)/,
    );
    const empty = await recordingWith('rec.wav', { 'rec.wav.json': '' });
    expect((await readSidecar(empty)).problems[0]?.message).toBe(
      'the sidecar rec.wav.json is not valid JSON (line 1, column 1: expected a value). Its details were not used.',
    );
  });

  it('a byte-order mark written by Windows tools is not an error', async () => {
    const path = await recordingWith('rec.wav', { 'rec.wav.json': '\uFEFF{"agentId": "A1"}' });
    expect(await readSidecar(path)).toMatchObject({ metadata: { agentId: 'A1' }, problems: [] });
  });

  it('JSON that is not an object is a sidecar problem', async () => {
    const path = await recordingWith('rec.wav', { 'rec.json': '["A1"]' });
    expect((await readSidecar(path)).problems).toEqual([
      {
        code: 'sidecar',
        message:
          'the sidecar rec.json must hold a JSON object ({ "agentId": … }); its details were not used.',
      },
    ]);
  });
});
