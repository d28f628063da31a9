import type { CallMetadata, HoldSegment } from '../call-metadata.ts';
import { mergeMetadata } from '../merge-metadata.ts';
import { mismatch } from '../name-parse.ts';
import { ordinal, readHangupSide } from '../vocabulary.ts';

/** A `key-value` token: a word, a minus, then a value that may itself contain minus signs. */
const KEY_VALUE = /^([A-Za-z][A-Za-z0-9]*)-(.+)$/s;

const HOLD = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/;

/** Reads a known key's value; `where` names the part for reasons. */
type KeyReader = (value: string, where: string) => CallMetadata;

/** How each key Ender Turing knows (by lower-case name) turns its value into metadata. */
const KNOWN_KEYS: ReadonlyMap<string, KeyReader> = new Map<string, KeyReader>([
  ['callid', (callId) => ({ callId })],
  ['queue', (queue) => ({ queue })],
  ['group', (skillGroup) => ({ skillGroup })],
  ['campaign', (campaign) => ({ campaign })],
  ['did', (did) => ({ did })],
  ['fileid', (fileId) => ({ extra: { fileId } })],
  [
    'terminitiator',
    (value, where) => ({
      hangupBy:
        readHangupSide(value) ??
        mismatch(`${where} says termInitiator '${value}': use agent, client or unknown`),
    }),
  ],
  [
    'agentchan',
    (value, where) =>
      value === '0' || value === '1'
        ? { agentChannel: value === '0' ? 0 : 1 }
        : mismatch(`${where} says agentChan '${value}': use 0 or 1`),
  ],
]);

/** Whether a token is `key-value` with a key Ender Turing knows (callId, queue, hold, …). */
export function isKnownKeyValue(token: string): boolean {
  const key = KEY_VALUE.exec(token)?.[1]?.toLowerCase();
  return key !== undefined && (key === 'hold' || KNOWN_KEYS.has(key));
}

/**
 * Collects the `key-value` parts of an Ender Turing name: callId, termInitiator,
 * queue, group, campaign, agentChan, fileId, did, hold-S-E (repeatable), and any
 * other `word-value` into extra. Keys are matched in any case.
 */
export class KeyValueReader {
  #metadata: CallMetadata = {};
  readonly #holds: HoldSegment[] = [];
  readonly #seen = new Set<string>();

  /** Reads the token at a 0-based part index, stopping the parse when it is not a key-value. */
  add(token: string, index: number): void {
    const where = `the ${ordinal(index + 1)} part '${token}'`;
    const [, key, value] =
      KEY_VALUE.exec(token) ??
      mismatch(
        `${where} is neither the agent channel (0 or 1) nor a key-value pair such as queue-Sales`,
      );
    if (key === undefined || value === undefined) return;
    const lower = key.toLowerCase();
    if (lower === 'hold') {
      this.#holds.push(readHold(value, where));
      return;
    }
    if (this.#seen.has(lower))
      mismatch(`${where} repeats the key ${key}, which may appear only once`);
    this.#seen.add(lower);
    const known = KNOWN_KEYS.get(lower);
    const read: CallMetadata = known ? known(value, where) : { extra: { [key]: value } };
    this.#metadata = mergeMetadata(this.#metadata, read);
  }

  /** Everything the key-value parts said. */
  metadata(): CallMetadata {
    return this.#holds.length > 0 ? { ...this.#metadata, holds: [...this.#holds] } : this.#metadata;
  }
}

function readHold(value: string, where: string): HoldSegment {
  const match =
    HOLD.exec(value) ??
    mismatch(
      `${where} is not a hold: use hold-START-END in seconds from the start, such as hold-30-45`,
    );
  const [startSec, endSec] = [Number(match[1]), Number(match[2])];
  if (endSec < startSec) mismatch(`${where} is a hold that ends before it starts`);
  return { startSec, endSec };
}
