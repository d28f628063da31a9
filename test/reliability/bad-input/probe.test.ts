import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecording, type CheckDestination } from '../../../main/core/check/check-recording.ts';
import { findConnector } from '../../../main/core/connectors/registry.ts';
import { isBlocking } from '../../../main/core/problem.ts';
import { probeRecording } from '../../../main/core/recording/probe.ts';
import { isRecordingFileName } from '../../../main/core/watch/ignore-rules.ts';
import { tempDirForSuite } from '../../fixtures/temp-dir.ts';
import { CORPUS_TODAY, type CorpusEntry } from './corpus.ts';
import { notPlainWords } from './plain-words.ts';

const dir = await tempDirForSuite('bad-input-probe-');
const enderTuring = findConnector('enderturing');
if (!enderTuring) throw new Error('the Ender Turing connector is not registered');
const destinations: readonly CheckDestination[] = [
  { id: 'et', connector: enderTuring, options: { baseUrl: 'https://et.example', username: 'u' } },
];

let folders = 0;
/** Writes an entry into a folder of its own; returns its recording's path. */
async function written(entry: CorpusEntry): Promise<string> {
  const folder = join(dir, String((folders += 1)));
  await mkdir(folder);
  await entry.write(folder);
  return join(folder, entry.name);
}

const judged = CORPUS_TODAY.filter((e) => e.expected.outcome !== 'ignored');
const ignored = CORPUS_TODAY.filter((e) => e.expected.outcome === 'ignored');

describe('each broken or hostile input, probed and checked on its own', () => {
  it.each(judged.map((e) => [e.kind, e] as const))(
    '%s: the check gives the expected verdict in plain words',
    async (_, entry) => {
      const path = await written(entry);
      const probe = await probeRecording(path);
      expect(probe.sizeBytes).toBeGreaterThanOrEqual(0);
      const checked = await checkRecording(path, {}, destinations);
      for (const problem of checked.problems) expect(notPlainWords(problem.message)).toEqual([]);
      const blocking = checked.problems.filter(isBlocking);
      const warnings = checked.problems.filter((p) => !isBlocking(p)).map((p) => p.message);
      const { expected } = entry;
      if (expected.outcome === 'failed' && expected.code === 'rejected') {
        // Only the platform refuses it: the check lets it go, warning of what the platform will say.
        expect(blocking).toEqual([]);
        expect(warnings).toContainEqual(expect.stringMatching(expected.warning ?? /./));
      } else if (expected.outcome === 'failed') {
        expect(blocking[0]?.code).toBe(expected.code);
        expect(blocking.map((p) => p.message).join('; ')).toMatch(expected.reason);
      } else if (expected.outcome === 'delivered') {
        expect(blocking).toEqual([]);
        expect(checked.audio).not.toBeNull();
        if (expected.warning)
          expect(warnings).toContainEqual(expect.stringMatching(expected.warning));
        if (expected.without)
          expect(warnings).not.toContainEqual(expect.stringMatching(expected.without));
      }
    },
  );

  it.each(ignored.map((e) => [e.kind, e] as const))(
    '%s: a rule passes it over, and probing it anyway answers at once',
    async (_, entry) => {
      const path = await written(entry);
      const regular = await stat(path).then(
        (s) => s.isFile(),
        () => false,
      );
      expect(isRecordingFileName(entry.name) && regular).toBe(false);
      // Even asked directly (a person running `check` on it), the probe does not wait or throw.
      const probe = await probeRecording(path);
      if (!regular) {
        expect(probe.problems.map((p) => p.code)).toEqual(['unreadable']);
        expect(notPlainWords(probe.problems[0]?.message ?? '')).toEqual([]);
      }
    },
  );

  it('the corpus has at least 25 kinds of bad input, and every kind once', () => {
    const kinds = CORPUS_TODAY.map((e) => e.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds.length).toBeGreaterThanOrEqual(25);
    const names = CORPUS_TODAY.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
