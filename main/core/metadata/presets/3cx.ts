import type { CallMetadata } from '../call-metadata.ts';
import { splitExtension } from '../file-name.ts';
import {
  mismatch,
  readingZonedName,
  type NameParseOptions,
  type NameParseResult,
} from '../name-parse.ts';
import { isExtension } from '../vocabulary.ts';
import { startTimeFromDigits } from '../zoned-time.ts';

const NAME = /^\[([^\]]*)\]_(.*)$/s;
const REST = /^([^-_]*)-([^_]*)_(\d{14})(?:\((\d+)\))?$/;

/** The bracketed display name as the agent's first and last name (split at the first space). */
function agentName(name: string): CallMetadata {
  const space = name.indexOf(' ');
  if (space < 0) return { agentFirstName: name };
  const [first, last] = [name.slice(0, space).trim(), name.slice(space + 1).trim()];
  return { ...(first ? { agentFirstName: first } : {}), ...(last ? { agentLastName: last } : {}) };
}

/**
 * Who is who on a 3CX call: the bracketed name belongs to the caller (`from`). From an
 * extension, the call is OUT (or INTERNAL to another extension) and the name is the
 * agent's; from outside, it is IN, the agent is `to` and the name is the client's.
 */
function parties(name: string, from: string, to: string): CallMetadata {
  const named = name.trim();
  if (isExtension(from)) {
    return {
      direction: isExtension(to) ? 'INTERNAL' : 'OUT',
      agentId: from,
      ...(named ? agentName(named) : {}),
      ...(to ? { clientId: to } : {}),
    };
  }
  return {
    direction: 'IN',
    ...(to ? { agentId: to } : {}),
    ...(from ? { clientId: from } : {}),
    ...(named ? { extra: { clientName: named } } : {}),
  };
}

/** Reads a 3CX recording name, `[<name>]_<from>-<to>_<YYYYMMDDHHMMSS>(<n>).wav`. */
export function parse3cxName(baseName: string, options: NameParseOptions = {}): NameParseResult {
  return readingZonedName(options, (timeZone) => {
    const { stem } = splitExtension(baseName);
    const named =
      NAME.exec(stem) ?? mismatch('the name does not start with a [name] and _, as 3CX names do');
    const rest = named[2] ?? '';
    const [, from = '', to = '', digits = '', callId] =
      REST.exec(rest) ??
      mismatch(
        `after the [name], '${rest}' is not <from>-<to>_<YYYYMMDDHHMMSS>(<n>) as 3CX writes it`,
      );
    const start = startTimeFromDigits(digits.slice(0, 8), digits.slice(8), timeZone);
    if (!start.ok) mismatch(`'${digits}' is not a real date and time: ${start.detail}`);
    return {
      startTime: start.startTime,
      ...parties(named[1] ?? '', from, to),
      ...(callId ? { callId } : {}),
    };
  });
}
