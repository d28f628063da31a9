import type { CALL_TYPES, Direction, HANGUP_SIDES } from './call-metadata.ts';

type CallType = (typeof CALL_TYPES)[number];
type HangupSide = (typeof HANGUP_SIDES)[number];

const DIRECTION_WORDS: ReadonlyMap<string, Direction> = new Map([
  ['in', 'IN'],
  ['inbound', 'IN'],
  ['incoming', 'IN'],
  ['out', 'OUT'],
  ['outbound', 'OUT'],
  ['outgoing', 'OUT'],
  ['internal', 'INTERNAL'],
  ['local', 'INTERNAL'],
  ['unknown', 'UNKNOWN'],
]);

const HANGUP_WORDS: ReadonlyMap<string, HangupSide> = new Map([
  ['agent', 'agent'],
  ['client', 'client'],
  ['customer', 'client'],
  ['unknown', 'unknown'],
]);

const CALL_TYPE_WORDS: ReadonlyMap<string, CallType> = new Map([
  ['manual', 'manual'],
  ['automatic', 'automatic'],
  ['auto', 'automatic'],
]);

/** Reads a direction word in any case: in/inbound/incoming, out/outbound/outgoing, internal/local, unknown. */
export function readDirection(word: string): Direction | undefined {
  return DIRECTION_WORDS.get(word.toLowerCase());
}

/** Reads who hung up, in any case: agent, client (or customer), unknown. */
export function readHangupSide(word: string): HangupSide | undefined {
  return HANGUP_WORDS.get(word.toLowerCase());
}

/** Reads a call type, in any case: manual, automatic (or auto). */
export function readCallType(word: string): CallType | undefined {
  return CALL_TYPE_WORDS.get(word.toLowerCase());
}

/**
 * Whether a PBX party is an internal extension: 2 to 6 digits. A `+` prefix, 7 or
 * more digits, or a word such as `anonymous` is an outside number.
 */
export function isExtension(party: string): boolean {
  return /^\d{2,6}$/.test(party);
}

/** 1st, 2nd, 3rd, 4th, …, 11th, 12th, 13th, 21st, … */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}
