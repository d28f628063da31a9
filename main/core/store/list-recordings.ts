import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { InvalidCursorError } from './queue-errors.ts';
import type { RecordingRow } from './recording-row.ts';
import type { RecordingStatus } from './recording-status.ts';
import { rowFromSql } from './sql-rows.ts';
import { searchCandidates } from './text-search.ts';

/** Which rows to list, newest change first. */
export interface ListQuery {
  readonly status?: RecordingStatus;
  /** Case-insensitive text looked for in the file name, the path and the metadata values. */
  readonly q?: string;
  readonly destination?: string;
  /** Rows per page: 50 unless given, at most 500. */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of rows, and the cursor of the next page (null on the last one). */
export interface ListPage {
  readonly items: readonly RecordingRow[];
  readonly nextCursor: string | null;
}

/** Rows per page when the query does not say. */
export const DEFAULT_PAGE_SIZE = 50;
/** The most rows one page holds. */
export const MAX_PAGE_SIZE = 500;

/** Lists rows ordered by (updatedAt desc, id desc), paged by key rather than by offset. */
export function listRecordings(db: DatabaseSync, query: ListQuery): ListPage {
  const limit = pageSize(query.limit);
  const where: string[] = [];
  const params: SQLInputValue[] = [];
  if (query.status !== undefined) {
    where.push('status = ?');
    params.push(query.status);
  }
  if (query.destination !== undefined) {
    where.push('destination = ?');
    params.push(query.destination);
  }
  const text = query.q?.trim().toLowerCase() ?? '';
  // Rows the trigram index says may hold rare text; null: walk the list in order instead.
  const candidates = text === '' ? null : searchCandidates(db, text);
  if (text !== '') {
    // search_text is lower case: a plain substring test, quicker than a case-folding LIKE.
    where.push('instr(search_text, ?) > 0');
    params.push(text);
  }
  if (candidates !== null) {
    where.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(candidates));
  }
  if (query.cursor !== undefined) {
    const after = decodeCursor(query.cursor);
    // A row value, so that SQLite starts from the cursor in the index instead of counting up to it.
    where.push('(updated_at, id) < (?, ?)');
    params.push(after.updatedAt, after.id);
  }
  // Common text is looked for in the index that holds it in list order: no row is read until it
  // matches (SQLite would otherwise read every row's text from the table, or sort a state's rows).
  const walk = text !== '' && candidates === null;
  const rows = db
    .prepare(
      `SELECT * FROM recordings ${walk ? 'INDEXED BY recordings_search' : ''}
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY updated_at DESC, id DESC LIMIT ?`,
    )
    .all(...params, limit + 1)
    .map(rowFromSql);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

interface CursorKey {
  readonly updatedAt: number;
  readonly id: number;
}

function encodeCursor(row: RecordingRow): string {
  return Buffer.from(JSON.stringify([row.updatedAt, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(key) || key.length !== 2 || !key.every((n) => Number.isSafeInteger(n))) {
    throw new InvalidCursorError();
  }
  return { updatedAt: key[0] as number, id: key[1] as number };
}
