import type { ValidationItem } from './http-answers.ts';

/** The value kinds of the metadata fields seed 001 documents, as its example gives them. */
const DOCUMENTED: Readonly<Record<string, 'int' | 'string' | 'string list'>> = {
  fcr: 'int',
  csi: 'int',
  nps: 'int',
  customer_id: 'string',
  crm_statuses: 'string list',
  campaign_name: 'string',
};

/**
 * Checks a `PUT …/metadata` body the way a FastAPI model would: a JSON object, the
 * documented fields in their documented types (strictly: "3" is not an integer), and any
 * other field a flat value (text, number, true/false, null, or a list of those).
 */
export function metadataProblems(body: unknown): ValidationItem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ type: 'dict_type', loc: ['body'], msg: 'Input should be a valid dictionary' }];
  }
  const problems: ValidationItem[] = [];
  for (const [key, value] of Object.entries(body)) {
    const loc = ['body', key];
    switch (DOCUMENTED[key]) {
      case 'int':
        if (!Number.isSafeInteger(value)) {
          problems.push({ type: 'int_type', loc, msg: 'Input should be a valid integer' });
        }
        break;
      case 'string':
        if (typeof value !== 'string') {
          problems.push({ type: 'string_type', loc, msg: 'Input should be a valid string' });
        }
        break;
      case 'string list':
        problems.push(...stringListProblems(value, loc));
        break;
      default:
        if (!isFlat(value) && !(Array.isArray(value) && value.every(isFlat))) {
          problems.push({
            type: 'value_error',
            loc,
            msg: 'Value error, metadata values must be texts, numbers, booleans, null or lists of them',
          });
        }
    }
  }
  return problems;
}

function stringListProblems(value: unknown, loc: readonly string[]): ValidationItem[] {
  if (!Array.isArray(value)) {
    return [{ type: 'list_type', loc: [...loc], msg: 'Input should be a valid list' }];
  }
  return value.flatMap((item: unknown, index) =>
    typeof item === 'string'
      ? []
      : [{ type: 'string_type', loc: [...loc, index], msg: 'Input should be a valid string' }],
  );
}

function isFlat(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}
