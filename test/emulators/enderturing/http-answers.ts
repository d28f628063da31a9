import type { ServerResponse } from 'node:http';
import { sendJson } from '../shared/http.ts';

export { delay, drain, mediaType, readSmallBody, sendJson } from '../shared/http.ts';

/** One FastAPI validation error, as Ender Turing answers 422. */
export interface ValidationItem {
  readonly type: string;
  readonly loc: readonly (string | number)[];
  readonly msg: string;
}

/** Answers an error the way FastAPI does: `{ detail }`. */
export function sendDetail(
  res: ServerResponse,
  status: number,
  detail: string | readonly ValidationItem[],
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(res, status, { detail }, headers);
}

/** A 422 item for a required field that is missing. */
export function missing(...loc: (string | number)[]): ValidationItem {
  return { type: 'missing', loc, msg: 'Field required' };
}
