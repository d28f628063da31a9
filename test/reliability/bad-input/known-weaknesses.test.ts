// Corpus entries whose right outcome needs a fix in code the bad-input suite may not change.
// These tests FAIL until that fix is made; each is named after where the fix belongs.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingItem } from '../../../preload/api.ts';
import { startRig, type DeliveryRig } from '../../integration/delivery/service-fixture.ts';
import { CORPUS } from './corpus.ts';
import { notPlainWords } from './plain-words.ts';

const weak = CORPUS.filter((e) => e.weakness);

let rig: DeliveryRig;
let items: readonly RecordingItem[] = [];

describe('known weaknesses found by the bad-input corpus (each needs a fix outside this suite)', () => {
  beforeAll(async () => {
    rig = await startRig('bad-input-weak');
    await Promise.all(weak.map((entry) => entry.write(rig.folder)));
    // Long enough for every file to be found, judged and sent (stable after 1 s; uploads are small).
    const deadline = Date.now() + 6_000;
    while (Date.now() < deadline) {
      const { counts } = await rig.service.status();
      if (counts.uploaded + counts.failed >= weak.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await rig.service.settled();
    items = (await rig.service.listRecordings({ limit: 500 })).items;
  }, 30_000);

  afterAll(async () => {
    await rig?.stop();
    // The rig's folder was made inside a hook, where it is not removed on its own.
    if (rig) await rm(rig.root, { recursive: true, force: true });
  });

  it.each(weak.map((e) => [e.weakness, e.kind, e] as const))(
    'KNOWN WEAKNESS, fix in %s — %s: ends as expected',
    (_, __, entry) => {
      const rows = items.filter((item) => item.fileName === entry.name);
      expect(rows, 'the recording has no row: it was neither delivered nor reported').toHaveLength(
        1,
      );
      const [row] = rows as [RecordingItem];
      if (entry.expected.outcome === 'delivered') {
        expect(row).toMatchObject({ status: 'uploaded', error: null });
      } else if (entry.expected.outcome === 'failed') {
        expect(row.status).toBe('failed');
        expect(row.error).toMatch(entry.expected.reason);
        expect(notPlainWords(row.error ?? '')).toEqual([]);
      }
    },
  );
});
