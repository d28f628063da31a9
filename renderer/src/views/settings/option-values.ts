import type { ConnectorOptionInfo } from '../../../../preload/api.ts';
import { isJsonObject, withKey, type JsonObject } from './settings-path.ts';

/** One row of a map field (HTTP headers, form fields): a name and its text. */
export interface MapRow {
  readonly name: string;
  readonly value: string;
}

/**
 * What a text box of an option reads as: the value to store (undefined: leave the option out,
 * so its default applies), or the words to show when the text cannot be that kind of value.
 * Text that cannot be read is stored as typed, so that saving is refused at this field.
 */
export type OptionReading =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: string; readonly value: string };

/** Reads the text typed into a string, url, integer, enum or integer-list field. */
export function readOptionText(option: ConnectorOptionInfo, text: string): OptionReading {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  switch (option.type) {
    case 'integer': {
      const number = wholeNumber(trimmed);
      return number === undefined
        ? { ok: false, problem: 'Write a whole number, such as 30.', value: text }
        : { ok: true, value: number };
    }
    case 'integer-list': {
      // Written as a list or as JSON ("[200, 201]", as the declarations show it).
      const pieces = trimmed
        .replace(/^\[|\]$/g, '')
        .split(/[\s,;]+/)
        .filter((p) => p !== '');
      const numbers = pieces.map(wholeNumber);
      return numbers.every((n) => n !== undefined)
        ? { ok: true, value: numbers }
        : {
            ok: false,
            problem: 'Write whole numbers separated by commas, such as 200, 201.',
            value: text,
          };
    }
    case 'url':
      return { ok: true, value: trimmed };
    default:
      return { ok: true, value: text };
  }
}

/** The text an option's field shows for its stored value ('' when it has none). */
export function optionText(option: ConnectorOptionInfo, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (option.type === 'integer-list' && Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Whether a checkbox option is ticked: its stored value, else its default. */
export function optionChecked(option: ConnectorOptionInfo, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return option.default === true;
}

/** A map option's rows, in the stored order. */
export function mapRows(value: unknown): MapRow[] {
  if (!isJsonObject(value)) return [];
  return Object.entries(value).map(([name, text]) => ({
    name,
    value: typeof text === 'string' ? text : JSON.stringify(text),
  }));
}

/**
 * A map option from its rows: names trimmed, rows with neither name nor text dropped, and
 * undefined (left out) when no row is left. A later row of the same name wins.
 */
export function mapFromRows(rows: readonly MapRow[]): Readonly<Record<string, string>> | undefined {
  const kept = rows.filter((row) => row.name.trim() !== '' || row.value !== '');
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept.map((row) => [row.name.trim(), row.value]));
}

/**
 * A profile's options with one option set (undefined removes it). Options the window does not
 * know (from a newer version, or written by hand) stay as they were.
 */
export function withOption(options: unknown, name: string, value: unknown): JsonObject {
  return withKey(options, name, value);
}

/** The options a form shows first, advanced ones apart, secrets apart (they never sit in settings). */
export function groupOptions(options: readonly ConnectorOptionInfo[]): {
  readonly main: readonly ConnectorOptionInfo[];
  readonly advanced: readonly ConnectorOptionInfo[];
} {
  return {
    main: options.filter((o) => !o.advanced),
    advanced: options.filter((o) => o.advanced),
  };
}

/** The required options (secrets included) that a first-run setup asks for. */
export function requiredOptions(options: readonly ConnectorOptionInfo[]): {
  readonly plain: readonly ConnectorOptionInfo[];
  readonly secrets: readonly ConnectorOptionInfo[];
} {
  const required = options.filter((o) => o.required && o.default === undefined);
  return {
    plain: required.filter((o) => !o.secret),
    secrets: required.filter((o) => o.secret),
  };
}

function wholeNumber(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : undefined;
}

/**
 * A number typed into an upload setting: the number, undefined when the field is empty (its
 * default applies), or the text itself when it is no number (the save is then refused there).
 */
export function numberFromText(text: string, whole: boolean): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (whole) return wholeNumber(trimmed) ?? text;
  const number = Number(trimmed.replace(',', '.'));
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed) && Number.isFinite(number) ? number : text;
}
