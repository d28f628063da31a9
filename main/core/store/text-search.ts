import type { DatabaseSync } from 'node:sqlite';

/**
 * Up to this many rows that may match are fetched by id and sorted; a text found in more rows
 * is looked for by walking the list in order instead, which soon fills a page.
 */
const MAX_CANDIDATES = 2000;

/** The trigram index of search_text, kept by triggers (migration 3); it cannot look for fewer characters. */
const MIN_CHARACTERS = 3;

/**
 * The ids of the rows whose search text may contain `text` (lower case), from the trigram
 * index: a superset, still to be checked against search_text. Null when the index cannot
 * narrow the search: text under three characters or with LIKE's wildcards (% and _, which the
 * index cannot take literally), or found in so many rows that walking the list is quicker.
 */
export function searchCandidates(db: DatabaseSync, text: string): readonly number[] | null {
  if ([...text].length < MIN_CHARACTERS || /[%_]/.test(text)) return null;
  const ids = db
    .prepare('SELECT rowid AS id FROM recordings_text WHERE search_text LIKE ? LIMIT ?')
    .all(`%${text}%`, MAX_CANDIDATES + 1)
    .map((row) => Number(row['id']));
  return ids.length > MAX_CANDIDATES ? null : ids;
}
