import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeWav } from '../../fixtures/audio.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import {
  DEFAULT_PROJECT,
  startBehavioralSignalsEmulator,
  type BehavioralSignalsEmulator,
} from '../../emulators/behavioralsignals/behavioralsignals-emulator.ts';

const NAME = 'support-call.wav';

describe('the Behavioral Signals emulator refuses what Oliver would refuse', async () => {
  const dir = await tempDirForSuite('call-courier-bs-emulator-');
  const bytes = await readFile(await writeWav(join(dir, NAME), { channels: 2, seconds: 1 }));
  let emulator: BehavioralSignalsEmulator;

  beforeEach(async () => {
    emulator = await startBehavioralSignalsEmulator();
  });
  afterEach(async () => {
    await emulator.close();
  });

  async function post(url: string, form: FormData, auth: string = DEFAULT_PROJECT.token) {
    const response = await fetch(url, {
      method: 'POST',
      body: form,
      headers: { 'x-auth-token': auth },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }
  function audioForm(fields: Record<string, string> = {}): FormData {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([bytes], { type: 'audio/wav' }), NAME);
    return form;
  }
  const v5 = () => `${emulator.v5Url}/clients/${DEFAULT_PROJECT.cid}/processes/audio`;
  const legacy = () => `${emulator.legacyUrl}/client/${DEFAULT_PROJECT.cid}/process/audio`;

  it.each([
    ['a legacy upload without channels', () => `${legacy()}?calltype=incoming`, {}, /channels/],
    ['three channels', () => `${legacy()}?channels=3&calltype=incoming`, {}, /1 or 2/],
    ['a legacy upload without calltype', () => `${legacy()}?channels=2`, {}, /calltype/],
    [
      'a legacy name in the form',
      () => `${legacy()}?channels=1&calltype=incoming`,
      { name: NAME },
      /query/,
    ],
    ['meta that is not JSON', v5, { meta: 'agent=7' }, /meta must be a valid JSON/],
    ['v5 call details in the query', () => `${v5()}?channels=2`, {}, /Unknown query parameter/],
  ] as const)('answers 400 {code, message} to %s', async (_case, url, fields, message) => {
    expect(await post(url(), audioForm(fields))).toEqual({
      status: 400,
      body: { code: 400, message: expect.stringMatching(message) },
    });
    expect(emulator.processes()).toEqual([]);
  });

  it('answers 401 to an unknown token and 404 to an unknown process', async () => {
    expect((await post(v5(), audioForm(), 'guess')).status).toBe(401);
    const status = await fetch(`${emulator.v5Url}/clients/${DEFAULT_PROJECT.cid}/processes/1`, {
      headers: { 'x-auth-token': DEFAULT_PROJECT.token },
    });
    expect(status.status).toBe(404);
  });
});
