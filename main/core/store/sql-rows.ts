import type { SQLOutputValue } from 'node:sqlite';
import type { CallMetadata } from '../metadata/call-metadata.ts';
import type { AudioFacts } from '../recording/audio-facts.ts';
import type { QueueErrorCode, RecordingEvent, RecordingRow } from './recording-row.ts';
import type { RecordingStatus } from './recording-status.ts';

type SqlRecord = Record<string, SQLOutputValue>;

/** A `recordings` row as the store hands it out. */
export function rowFromSql(r: SqlRecord): RecordingRow {
  return {
    id: num(r, 'id'),
    path: text(r, 'path'),
    fileName: text(r, 'file_name'),
    destination: text(r, 'destination'),
    sizeBytes: num(r, 'size_bytes'),
    mtimeMs: num(r, 'mtime_ms'),
    sha256: text(r, 'sha256'),
    metadata: JSON.parse(text(r, 'metadata')) as CallMetadata,
    audio: parseOrNull<AudioFacts>(textOrNull(r, 'audio')),
    status: text(r, 'status') as RecordingStatus,
    attempts: num(r, 'attempts'),
    nextAttemptAt: numOrNull(r, 'next_attempt_at'),
    error: textOrNull(r, 'error'),
    errorCode: textOrNull(r, 'error_code') as QueueErrorCode | null,
    remoteId: textOrNull(r, 'remote_id'),
    remoteUrl: textOrNull(r, 'remote_url'),
    createdAt: num(r, 'created_at'),
    updatedAt: num(r, 'updated_at'),
    uploadedAt: numOrNull(r, 'uploaded_at'),
    afterUploadDoneAt: numOrNull(r, 'after_upload_done_at'),
    warnings: JSON.parse(text(r, 'warnings')) as string[],
  };
}

/** A `recording_events` row as the store hands it out. */
export function eventFromSql(r: SqlRecord): RecordingEvent {
  return {
    id: num(r, 'id'),
    recordingId: num(r, 'recording_id'),
    at: num(r, 'at'),
    from: textOrNull(r, 'from_status') as RecordingStatus | null,
    to: text(r, 'to_status') as RecordingStatus,
    message: text(r, 'message'),
  };
}

/** The lower-cased text a search looks in: file name, path and every metadata value. */
export function searchTextOf(fileName: string, path: string, metadata: CallMetadata): string {
  return [fileName, path, ...leafValues(metadata)].join('\n').toLowerCase();
}

function leafValues(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object') return Object.values(value).flatMap(leafValues);
  return [String(value)];
}

function parseOrNull<T>(json: string | null): T | null {
  return json === null ? null : (JSON.parse(json) as T);
}

function text(r: SqlRecord, column: string): string {
  const value = r[column];
  if (typeof value !== 'string') throw new TypeError(`queue column ${column} is not text`);
  return value;
}

function textOrNull(r: SqlRecord, column: string): string | null {
  return r[column] === null ? null : text(r, column);
}

function num(r: SqlRecord, column: string): number {
  const value = r[column];
  if (typeof value !== 'number') throw new TypeError(`queue column ${column} is not a number`);
  return value;
}

function numOrNull(r: SqlRecord, column: string): number | null {
  return r[column] === null ? null : num(r, column);
}
