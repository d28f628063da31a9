import type { RecordingItem } from '../../../preload/api.ts';
import type { CallMetadata, ExtraValue } from '../metadata/call-metadata.ts';
import { looksLikePhoneNumber, maskPhoneNumber, maskPhoneNumbersIn } from './phone-mask.ts';

/** The client's phone numbers among a recording's call details: the client and any extra value that is a number. */
export function phoneNumbersOf(metadata: CallMetadata): string[] {
  const values: string[] = [];
  if (metadata.clientId !== undefined && looksLikePhoneNumber(metadata.clientId)) {
    values.push(metadata.clientId);
  }
  for (const value of Object.values(metadata.extra ?? {})) {
    if (value !== null && typeof value !== 'boolean' && looksLikePhoneNumber(String(value))) {
      values.push(String(value));
    }
  }
  return values;
}

/** The call details with the client's phone numbers masked; the agent, the dialled company number (did) and times kept. */
export function maskedMetadata(metadata: CallMetadata): CallMetadata {
  const maskValue = (value: ExtraValue): ExtraValue =>
    value !== null && typeof value !== 'boolean' && looksLikePhoneNumber(String(value))
      ? maskPhoneNumber(String(value))
      : value;
  return {
    ...metadata,
    ...(metadata.clientId !== undefined && {
      clientId: looksLikePhoneNumber(metadata.clientId)
        ? maskPhoneNumber(metadata.clientId)
        : metadata.clientId,
    }),
    ...(metadata.extra !== undefined && {
      extra: Object.fromEntries(Object.entries(metadata.extra).map(([k, v]) => [k, maskValue(v)])),
    }),
  };
}

/** A recording as a supervisor may see it when phone numbers are masked: in its name, path, details and messages. */
export function maskedRecordingItem(item: RecordingItem): RecordingItem {
  const known = phoneNumbersOf(item.metadata);
  const text = (value: string): string => maskPhoneNumbersIn(value, known);
  return {
    ...item,
    path: text(item.path),
    fileName: text(item.fileName),
    error: item.error === null ? null : text(item.error),
    metadata: maskedMetadata(item.metadata),
    warnings: item.warnings.map(text),
  };
}
