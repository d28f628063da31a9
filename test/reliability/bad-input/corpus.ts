// The bad-input corpus: broken and hostile recordings, names and sidecars, each with what Call
// Courier must make of it. Built in code, so each entry shows exactly what it feeds the service.
import type { CorpusEntry } from './corpus-entry.ts';
import { COMPRESSED_ENTRIES } from './corpus-compressed.ts';
import { FILE_ENTRIES } from './corpus-files.ts';
import { NAME_ENTRIES } from './corpus-names.ts';
import { SIDECAR_ENTRIES } from './corpus-sidecars.ts';
import { WAV_ENTRIES } from './corpus-wav.ts';

export type { CorpusEntry, Expected } from './corpus-entry.ts';

/** Every entry: recordings, names and sidecars. */
export const CORPUS: readonly CorpusEntry[] = [
  ...FILE_ENTRIES,
  ...WAV_ENTRIES,
  ...COMPRESSED_ENTRIES,
  ...NAME_ENTRIES,
  ...SIDECAR_ENTRIES,
];

/** The entries the corpus tests run: those whose right outcome the product gives today. */
export const CORPUS_TODAY: readonly CorpusEntry[] = CORPUS.filter((e) => !e.weakness);
