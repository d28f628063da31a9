import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingItem } from '../../../preload/api.ts';
import {
  RecordingLogger,
  startRig,
  waitForStatus,
  type DeliveryRig,
} from '../../integration/delivery/service-fixture.ts';
import { mp3Bytes, opusBytes } from './container-bytes.ts';
import { etName, goodWav } from './corpus-entry.ts';
import { CORPUS_TODAY, type CorpusEntry } from './corpus.ts';
import { notPlainWords } from './plain-words.ts';

/** Good recordings mixed in with the corpus: they must go through untouched by the bad ones. */
const GOOD: readonly { readonly name: string; readonly bytes: () => Uint8Array }[] = [
  { name: etName(900), bytes: goodWav },
  { name: etName(901), bytes: goodWav },
  { name: etName(902), bytes: goodWav },
  { name: etName(903, 'mp3'), bytes: () => mp3Bytes({ frames: 60 }) },
  { name: etName(904, 'opus'), bytes: () => opusBytes({ channels: 2, audioPages: 60 }) },
];

const judged = CORPUS_TODAY.filter((e) => e.expected.outcome !== 'ignored');
const ignored = CORPUS_TODAY.filter((e) => e.expected.outcome === 'ignored');

let rig: DeliveryRig;
const log = new RecordingLogger();
let items: readonly RecordingItem[] = [];

/** The rows of one file, found by its name. */
const rowsOf = (name: string) => items.filter((item) => item.fileName === name);

describe('one service fed the whole bad-input corpus at once, with good recordings mixed in', () => {
  beforeAll(async () => {
    rig = await startRig('bad-input', { log });
    const folder = rig.folder;
    await Promise.all([
      ...CORPUS_TODAY.map((entry) => entry.write(folder)),
      ...GOOD.map((good) => writeFile(join(folder, good.name), good.bytes())),
    ]);
    const rows = judged.length + GOOD.length;
    // Generous: every file settles in seconds; a hang would leave rows queued or missing.
    await waitForStatus(
      rig.service,
      (s) =>
        s.counts.uploaded + s.counts.failed >= rows &&
        s.counts.queued + s.counts.uploading + s.counts.retrying === 0,
      45_000,
    );
    await rig.service.settled();
    items = (await rig.service.listRecordings({ limit: 500 })).items;
  }, 60_000);

  afterAll(async () => {
    await rig?.stop();
    // The rig's folder was made inside a hook, where it is not removed on its own.
    if (rig) await rm(rig.root, { recursive: true, force: true });
  });

  it.each(judged.map((e) => [e.kind, e] as const))('%s: ends as expected', (_, entry) => {
    const rows = rowsOf(entry.name);
    expect(rows).toHaveLength(1);
    const [row] = rows as [RecordingItem];
    const { expected } = entry;
    if (expected.outcome === 'failed') {
      expect(row).toMatchObject({ status: 'failed', errorCode: expected.code });
      expect(row.error).toMatch(expected.reason);
      expect(notPlainWords(row.error ?? '')).toEqual([]);
      if (expected.warning)
        expect(row.warnings).toContainEqual(expect.stringMatching(expected.warning));
    } else if (expected.outcome === 'delivered') {
      expect(row).toMatchObject({ status: 'uploaded', error: null });
      expect(row.remoteId).toEqual(expect.any(String));
      if (expected.warning)
        expect(row.warnings).toContainEqual(expect.stringMatching(expected.warning));
      if (expected.without)
        expect(row.warnings).not.toContainEqual(expect.stringMatching(expected.without));
    }
    for (const warning of row.warnings) expect(notPlainWords(warning)).toEqual([]);
  });

  it.each(ignored.map((e) => [e.kind, e] as const))(
    '%s: is passed over by rule, with no row and no upload',
    (_, entry: CorpusEntry) => {
      expect(rowsOf(entry.name)).toEqual([]);
      expect(rig.emulator.uploads.map((u) => u.fileName)).not.toContain(entry.name);
    },
  );

  it('every good recording mixed in is delivered, once', () => {
    for (const good of GOOD) {
      expect(rowsOf(good.name)).toMatchObject([{ status: 'uploaded', error: null }]);
    }
    const delivered = items.filter((item) => item.status === 'uploaded');
    expect(rig.emulator.uploads).toHaveLength(delivered.length);
  });

  it('nothing in the corpus reached the prototype of every object', () => {
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('no log line carries a stack trace or a program error', () => {
    for (const line of log.lines) expect(notPlainWords(line.message), line.message).toEqual([]);
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([]);
  });

  it('afterwards the service still answers, and still delivers a new recording', async () => {
    const before = await rig.service.status();
    expect(before.state).toBe('running');
    await writeFile(join(rig.folder, etName(999)), goodWav());
    const after = await waitForStatus(
      rig.service,
      (s) => s.counts.uploaded === before.counts.uploaded + 1,
      20_000,
    );
    expect(after.state).toBe('running');
  });
});
