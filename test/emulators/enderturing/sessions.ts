import { randomUUID } from 'node:crypto';

/** A recording the emulator received, as the tests check it. */
export interface EmulatorUpload {
  readonly sessionId: string;
  /** The file name exactly as sent in the multipart part. */
  readonly fileName: string;
  readonly contentType: string;
  /** Number of bytes received. */
  readonly bytes: number;
  /** Hex SHA-256 of the bytes received. */
  readonly sha256: string;
  readonly language: string;
  readonly detailedRealtimeResults: boolean;
  readonly advancedLanguageIdentification: boolean;
  /** Where the bytes were kept, when the emulator was given a folder for them. */
  readonly storedPath?: string;
}

/** A conversation: an upload and the metadata set on it since. */
export interface EmulatorSession {
  readonly id: string;
  readonly upload: EmulatorUpload;
  readonly createdAt: string;
  metadata: Record<string, unknown>;
}

/** How `PUT …/metadata` treats a list field that the session already has. */
export type ListUpdate = 'merge' | 'replace';

/** The conversations the emulator holds. */
export class SessionStore {
  /** Every upload stored, in order. */
  readonly uploads: EmulatorUpload[] = [];
  readonly #sessions = new Map<string, EmulatorSession>();

  /** A new session id. */
  newId(): string {
    return randomUUID();
  }

  /** Keeps an upload as a new session. */
  add(upload: EmulatorUpload, now: Date): EmulatorSession {
    const session = {
      id: upload.sessionId,
      upload,
      createdAt: now.toISOString(),
      metadata: { crm_statuses: [] },
    };
    this.uploads.push(upload);
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The session with this id. */
  get(id: string): EmulatorSession | undefined {
    return this.#sessions.get(id);
  }

  /** Every session, oldest first. */
  all(): EmulatorSession[] {
    return [...this.#sessions.values()];
  }

  /** Sessions matching Ender Turing's `filters` parameter (`key,value±key,value`); only search_query filters here. */
  search(filters: string | null): EmulatorSession[] {
    const query = parseFilters(filters ?? '')
      .get('search_query')
      ?.toLowerCase();
    const all = this.all();
    return query === undefined
      ? all
      : all.filter((s) => s.upload.fileName.toLowerCase().includes(query));
  }

  /** Sets metadata on a session; list fields are merged with what it has, or replaced. */
  updateMetadata(
    session: EmulatorSession,
    update: Readonly<Record<string, unknown>>,
    lists: ListUpdate,
  ): Record<string, unknown> {
    for (const [key, value] of Object.entries(update)) {
      const existing = session.metadata[key];
      session.metadata[key] =
        lists === 'merge' && Array.isArray(existing) && Array.isArray(value)
          ? union(existing, value)
          : value;
    }
    return session.metadata;
  }
}

/** A session as the search answers it. */
export function sessionItem(session: EmulatorSession): Record<string, unknown> {
  return {
    id: session.id,
    file_name: session.upload.fileName,
    language: session.upload.language,
    created_at: session.createdAt,
    ...session.metadata,
  };
}

function parseFilters(filters: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const item of filters.split('±')) {
    const comma = item.indexOf(',');
    if (comma > 0) result.set(item.slice(0, comma), item.slice(comma + 1));
  }
  return result;
}

function union(existing: readonly unknown[], added: readonly unknown[]): unknown[] {
  const seen = new Set(existing.map((v) => JSON.stringify(v)));
  return [...existing, ...added.filter((v) => !seen.has(JSON.stringify(v)))];
}
