import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordingItem, RecordingPage } from '../../../preload/api.ts';
import { DEFAULT_USER } from '../../emulators/enderturing/enderturing-emulator.ts';
import { writeWav } from '../../fixtures/audio.ts';
import { startHttpRig, type HttpRig } from './api-fixture.ts';

let rig: HttpRig | undefined;
afterEach(async () => {
  await rig?.stop();
  rig = undefined;
});

/** A recording as the recorder writes it: stereo unless said, its length making its content unique. */
const record = (r: HttpRig, name: string, seconds = 1, channels = 2) =>
  writeWav(join(r.folder, name), { channels, seconds });

const MONO = '20240131_2100_Agent05_1005_IN_0.wav';

async function page(r: HttpRig, query: string): Promise<RecordingPage> {
  const answer = await r.call('GET', `/api/v1/recordings${query}`);
  expect(answer.status).toBe(200);
  return answer.json() as RecordingPage;
}

describe('the local HTTP API of `call-courier run`', () => {
  it('reports status, lists recordings by state, text and page, and serves Prometheus metrics', async () => {
    rig = await startHttpRig('list');
    for (let i = 1; i <= 4; i += 1) {
      await record(rig, `20240131_205${i}_Agent0${i}_100${i}_IN_0.wav`, 1 + i / 10);
    }
    await record(rig, MONO, 1, 1);
    const status = await rig.waitForStatus((s) => s.counts.uploaded === 4 && s.counts.failed === 1);
    expect(status).toMatchObject({
      state: 'running',
      profiles: [{ id: 'et', connector: 'enderturing', state: 'active' }],
    });

    const failed = await page(rig, '?status=failed');
    expect(failed.items.map((i) => [i.fileName, i.errorCode])).toEqual([[MONO, 'mono']]);
    expect(failed.items[0]?.error).toMatch(/^mono file: Ender Turing needs stereo/);
    expect((await page(rig, '?q=agent03')).items.map((i) => i.fileName)).toEqual([
      '20240131_2053_Agent03_1003_IN_0.wav',
    ]);

    const seen: number[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const next = await page(rig, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...next.items.map((i) => i.id));
      cursor = next.nextCursor ?? '';
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);

    const bad = await rig.call('GET', '/api/v1/recordings?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ error: expect.stringContaining('unknown status "lost"') });
    const badCursor = await rig.call('GET', '/api/v1/recordings?cursor=not-a-cursor');
    expect(badCursor.status).toBe(400);
    expect(badCursor.json()).toEqual({
      error: 'the paging cursor is not one this queue handed out',
    });

    const metrics = await rig.call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const bytes = rig.emulator.uploads.reduce((sum, u) => sum + u.bytes, 0);
    for (const line of [
      'call_courier_queue_recordings{destination="et",status="uploaded"} 4',
      'call_courier_queue_recordings{destination="et",status="failed"} 1',
      'call_courier_uploads_total{destination="et",result="delivered"} 4',
      `call_courier_upload_bytes_total{destination="et",result="delivered"} ${bytes}`,
      'call_courier_destination_up{destination="et"} 1',
      'call_courier_paused 0',
    ]) {
      expect(metrics.text.split('\n')).toContain(line);
    }
  });

  it('skips a failed recording, and retries one once its destination is told to take it', async () => {
    rig = await startHttpRig('retry');
    await writeFile(
      join(rig.folder, '20240131_2101_Agent06_1006_IN_0.wav'),
      'minutes of the meeting\n',
    );
    await record(rig, MONO, 1, 1);
    await rig.waitForStatus((s) => s.counts.failed === 2);
    const failed = (await page(rig, '?status=failed')).items;
    const byCode = (code: string) => failed.find((i) => i.errorCode === code) as RecordingItem;

    const skipped = await rig.call('POST', `/api/v1/recordings/${byCode('not-audio').id}/skip`);
    expect(skipped.status).toBe(200);
    expect(skipped.json()).toMatchObject({ status: 'skipped', error: 'skipped by a person' });

    // A retry of a file that is still mono is refused with the reason, and nothing is sent.
    const early = await rig.call('POST', `/api/v1/recordings/${byCode('mono').id}/retry`);
    expect(early.status).toBe(409);
    expect(early.json()).toEqual({
      error: expect.stringMatching(new RegExp(`^${MONO} still cannot go to et: .*stereo`)),
    });

    // "Set the recorder to stereo, or turn on Send mono recordings": the person does the latter.
    const settings = (await rig.call('GET', '/api/v1/settings')).json() as {
      profiles: [{ options: Record<string, unknown> }];
    };
    settings.profiles[0].options['allowMono'] = true;
    expect((await rig.call('PUT', '/api/v1/settings', { json: settings })).status).toBe(200);
    const mono = byCode('mono').id;
    const retried = await rig.call('POST', `/api/v1/recordings/${mono}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'queued', attempts: 0, error: null });
    await rig.waitForStatus((s) => s.counts.uploaded === 1);
    expect(rig.emulator.uploads.map((u) => u.fileName)).toEqual([MONO]);

    for (const action of ['retry', 'skip']) {
      const again = await rig.call('POST', `/api/v1/recordings/${mono}/${action}`);
      expect(again.status).toBe(409);
      expect(again.json()).toEqual({ error: expect.stringContaining('already delivered') });
    }
    expect((await rig.call('POST', '/api/v1/recordings/999/retry')).json()).toEqual({
      error: 'no recording 999',
    });
    expect((await rig.call('POST', '/api/v1/recordings/abc/skip')).status).toBe(400);
  });

  it('keeps a pause across a restart, and delivers what waited once resumed', async () => {
    rig = await startHttpRig('pause');
    expect((await rig.call('POST', '/api/v1/pause')).status).toBe(204);
    await record(rig, '20240131_2102_Agent07_1007_IN_0.wav');
    await rig.waitForStatus((s) => s.state === 'paused' && s.counts.queued === 1);
    expect((await rig.call('GET', '/metrics')).text).toContain('call_courier_paused 1\n');

    await rig.restart();
    const after = await rig.waitForStatus((s) => s.counts.queued === 1);
    expect(after.state).toBe('paused');
    expect(rig.emulator.uploads).toHaveLength(0);

    expect((await rig.call('POST', '/api/v1/resume')).status).toBe(204);
    const delivered = await rig.waitForStatus((s) => s.counts.uploaded === 1);
    expect(delivered.state).toBe('running');
    expect(rig.emulator.uploads).toHaveLength(1);
  });

  it('answers the settings, refuses bad ones with every error (422), and applies and saves good ones', async () => {
    rig = await startHttpRig('settings');
    const original = JSON.parse(await readFile(rig.configPath, 'utf8')) as Record<string, unknown>;
    expect((await rig.call('GET', '/api/v1/settings')).json()).toEqual(original);

    const refused = await rig.call('PUT', '/api/v1/settings', {
      json: {
        ...original,
        watch: [{ path: rig.folder, destinations: ['nobody'] }],
        upload: { concurrency: 99 },
      },
    });
    expect(refused.status).toBe(422);
    expect(refused.json()).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        {
          path: 'watch[0].destinations[0]',
          message: expect.stringContaining('no profile has the id "nobody"'),
        },
        { path: 'upload.concurrency', message: expect.any(String) },
      ]),
    });
    expect((await rig.call('GET', '/api/v1/settings')).json()).toEqual(original);
    expect(JSON.parse(await readFile(rig.configPath, 'utf8'))).toEqual(original);
    const notJson = await rig.call('PUT', '/api/v1/settings', {
      body: JSON.stringify(original),
      headers: { 'content-type': 'text/plain' },
    });
    expect(notJson.status).toBe(415);

    const profiles = original['profiles'] as Record<string, unknown>[];
    const changed = { ...original, profiles: [{ ...profiles[0], label: 'Head office' }] };
    const saved = await rig.call('PUT', '/api/v1/settings', { json: changed });
    expect([saved.status, saved.json()]).toEqual([200, { ok: true }]);
    expect((await rig.call('GET', '/api/v1/settings')).json()).toEqual(changed);
    expect(JSON.parse(await readFile(rig.configPath, 'utf8'))).toEqual(changed);
    const status = await rig.waitForStatus(() => true);
    expect(status.profiles[0]?.label).toBe('Head office');
  });

  it('pauses on a wrong password, resumes once the secret is put, and never shows the secret anywhere', async () => {
    const wrong = `wrong-${randomUUID()}`;
    const right = `right-${randomUUID()}`;
    rig = await startHttpRig('secrets', { password: wrong });
    rig.emulator.setUser(DEFAULT_USER.username, right);
    await record(rig, '20240131_2103_Agent08_1008_OUT_1.wav');
    const paused = await rig.waitForStatus((s) => s.profiles[0]?.state === 'paused');
    expect(paused.profiles[0]?.message).toBe('Ender Turing refused the username or password');
    expect(paused.counts.failed).toBe(0);
    const refusedTest = await rig.call('POST', '/api/v1/profiles/et/test');
    expect(refusedTest.json()).toEqual({
      ok: false,
      message: 'Ender Turing refused the username or password',
    });

    const put = await rig.call('PUT', '/api/v1/secrets/et/password', {
      body: `${right}\n`,
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(204);
    const delivered = await rig.waitForStatus((s) => s.counts.uploaded === 1);
    expect(delivered.profiles[0]?.state).toBe('active');
    expect(await rig.secrets.get('et', 'password')).toBe(right);
    const test = await rig.call('POST', '/api/v1/profiles/et/test');
    expect(test.json()).toEqual({
      ok: true,
      message: expect.stringContaining(DEFAULT_USER.username),
    });

    const notSecret = await rig.call('PUT', '/api/v1/secrets/et/baseUrl', {
      json: { value: right },
    });
    expect(notSecret.status).toBe(400);
    const noProfile = await rig.call('PUT', '/api/v1/secrets/ghost/password', {
      json: { value: right },
    });
    expect(noProfile.json()).toEqual({ error: 'no profile "ghost"' });
    await rig.call('GET', '/api/v1/settings');
    await rig.call('GET', '/api/v1/recordings');

    const { answers, dataDir, configPath } = rig;
    await rig.stop();
    rig = undefined;
    const files = (await readdir(dataDir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
    expect(files).toEqual(
      expect.arrayContaining([
        join(dataDir, 'queue.sqlite'),
        join(dataDir, 'logs', 'call-courier.log'),
      ]),
    );
    for (const file of [...files, configPath]) {
      const bytes = await readFile(file);
      for (const secret of [wrong, right])
        expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    for (const text of answers)
      for (const secret of [wrong, right]) expect(text).not.toContain(secret);
  });

  it('streams each change of a recording as a Server-Sent `recording` event', async () => {
    rig = await startHttpRig('events');
    const events = await rig.openEvents();
    try {
      expect(events.status).toBe(200);
      expect(events.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      await record(rig, '20240131_2104_Agent09_1009_IN_0.wav');
      await vi.waitFor(
        () => {
          const items = events.events('recording').map((e) => (e as { item: RecordingItem }).item);
          expect(items.map((i) => i.status)).toEqual(
            expect.arrayContaining(['queued', 'uploading', 'uploaded']),
          );
          expect(items.every((i) => i.fileName === '20240131_2104_Agent09_1009_IN_0.wav')).toBe(
            true,
          );
        },
        { timeout: 10_000 },
      );
    } finally {
      events.close();
    }
  });
});
