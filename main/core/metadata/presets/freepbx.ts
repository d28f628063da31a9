import type { CallMetadata } from '../call-metadata.ts';
import { splitExtension } from '../file-name.ts';
import { definedFields } from '../merge-metadata.ts';
import {
  mismatch,
  readingZonedName,
  type NameParseOptions,
  type NameParseResult,
} from '../name-parse.ts';
import { startTimeFromDigits } from '../zoned-time.ts';
import { partiesByExtension } from './pbx-parties.ts';

/** The recording types FreePBX writes as the first part of a name. */
export const FREEPBX_TYPES: readonly string[] = [
  'in',
  'out',
  'internal',
  'external',
  'q',
  'rg',
  'exten',
  'conf',
  'ondemand',
  'force',
];

const FORM = '<type>-<to>-<from>-<YYYYMMDD>-<HHMMSS>-<uniqueid>';

/** Who the `to` and `from` parties are, by recording type. */
function parties(type: string, to: string, from: string): CallMetadata {
  const present = (value: string) => (value ? value : undefined);
  switch (type) {
    case 'in':
      return { did: present(to), clientId: present(from), direction: 'IN' };
    case 'out':
      return { clientId: present(to), agentId: present(from), direction: 'OUT' };
    case 'q':
      return { queue: present(to), clientId: present(from), direction: 'IN' };
    case 'rg':
      return {
        ...(to ? { extra: { ringGroup: to } } : {}),
        clientId: present(from),
        direction: 'IN',
      };
    default:
      return partiesByExtension(from, to);
  }
}

/**
 * Reads an Asterisk/FreePBX recording name, `<type>-<to>-<from>-<YYYYMMDD>-<HHMMSS>-<uniqueid>.<ext>`,
 * such as `in-5551234-5559876-20250327-021517-1743042317.12206.wav`.
 */
export function parseFreePbxName(
  baseName: string,
  options: NameParseOptions = {},
): NameParseResult {
  return readingZonedName(options, (timeZone) => {
    const parts = splitExtension(baseName).stem.split('-');
    const [kind = '', to = '', from = '', date = '', time = '', uniqueId = ''] = parts;
    const type = kind.toLowerCase();
    if (!FREEPBX_TYPES.includes(type)) {
      mismatch(
        `'${kind}' is not a FreePBX recording type: use ${FREEPBX_TYPES.slice(0, -1).join(', ')} or ${FREEPBX_TYPES.at(-1)}`,
      );
    }
    if (parts.length !== 6) {
      mismatch(
        `the name has ${parts.length} parts separated by '-' where FreePBX writes 6: ${FORM}`,
      );
    }
    if (!/^\d{8}$/.test(date)) mismatch(`the 4th part '${date}' is not a date: use YYYYMMDD`);
    if (!/^\d{6}$/.test(time)) mismatch(`the 5th part '${time}' is not a time: use HHMMSS`);
    if (!/^\d+(\.\d+)?$/.test(uniqueId)) {
      mismatch(`the last part '${uniqueId}' is not an Asterisk unique id such as 1743042317.12206`);
    }
    const start = startTimeFromDigits(date, time, timeZone);
    if (!start.ok) {
      mismatch(
        `the ${start.wrong === 'date' ? `4th part '${date}'` : `5th part '${time}'`} is not a real ${start.wrong}: ${start.detail}`,
      );
    }
    return definedFields({
      startTime: start.startTime,
      ...parties(type, to, from),
      callId: uniqueId,
    });
  });
}
