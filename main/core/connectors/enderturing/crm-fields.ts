import type { ExtraValue } from '../../metadata/call-metadata.ts';

/** The kind of value one of Ender Turing's documented metadata fields holds. */
export type CrmFieldType = 'whole number' | 'text' | 'list of texts';

/**
 * The metadata fields seed 001 documents for `PUT /api/v1/sessions/{id}/metadata`, with
 * the type its example gives each. A sidecar key of one of these names is sent under it.
 */
export const CRM_FIELDS: Readonly<Record<string, CrmFieldType>> = {
  fcr: 'whole number',
  csi: 'whole number',
  nps: 'whole number',
  customer_id: 'text',
  crm_statuses: 'list of texts',
  campaign_name: 'text',
};

/** A sidecar value as Ender Turing takes it, or why it cannot be sent. */
export type CrmValue =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly expected: string };

const EXPECTED: Readonly<Record<CrmFieldType, string>> = {
  'whole number': 'a whole number such as 3',
  text: 'a text such as "176196"',
  'list of texts': 'a list of texts such as ["Callback requested"], or one text',
};

/**
 * A sidecar value for a documented field, in that field's type: "3" becomes 3 for csi,
 * 176196 becomes "176196" for customer_id, one status becomes a list of one. A list
 * in a sidecar arrives as its JSON text (see sidecar.ts) and is read back.
 */
export function crmValue(type: CrmFieldType, value: ExtraValue): CrmValue {
  const read =
    type === 'whole number' ? wholeNumber(value) : type === 'text' ? text(value) : texts(value);
  return read === undefined ? { ok: false, expected: EXPECTED[type] } : { ok: true, value: read };
}

function wholeNumber(value: ExtraValue): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

function text(value: ExtraValue): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function texts(value: ExtraValue): string[] | undefined {
  if (typeof value === 'number') return [String(value)];
  if (typeof value !== 'string') return undefined;
  if (!value.trimStart().startsWith('[')) return value.trim() === '' ? [] : [value];
  let list: unknown;
  try {
    list = JSON.parse(value);
  } catch {
    return [value];
  }
  if (!Array.isArray(list)) return undefined;
  const items = list.map((item: unknown) =>
    typeof item === 'number' ? String(item) : typeof item === 'string' ? item : undefined,
  );
  if (items.some((item) => item === undefined)) return undefined;
  return (items as string[]).filter((item) => item.trim() !== '');
}
