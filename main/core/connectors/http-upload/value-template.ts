import { findPlaceholder, type Placeholder, type PlaceholderInput } from './placeholders.ts';

/** One piece of a value template, in order. */
export type ValuePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly placeholder: Placeholder };

/** A header, field or address with `{placeholders}`, read once and filled for each recording. */
export interface ValueTemplate {
  readonly template: string;
  readonly parts: readonly ValuePart[];
}

/** A template read, or a plain sentence saying what is wrong with it. */
export type TemplateReading =
  | { readonly ok: true; readonly template: ValueTemplate }
  | { readonly ok: false; readonly error: string };

/**
 * Reads a template such as `Bearer {secret:apiKey}` or `calls/{agentId}/{callId}`. `{{` and
 * `}}` stand for a brace itself, so that a template can hold JSON.
 */
export function readValueTemplate(template: string, profileId?: string): TemplateReading {
  const parts: ValuePart[] = [];
  let text = '';
  let at = 0;
  while (at < template.length) {
    const char = template.charAt(at);
    const next = template.charAt(at + 1);
    if ((char === '{' || char === '}') && next === char) {
      text += char;
      at += 2;
      continue;
    }
    if (char === '}') {
      return fail(`has a '}' at character ${at + 1} with no '{' before it: write }} for a brace`);
    }
    if (char !== '{') {
      text += char;
      at += 1;
      continue;
    }
    const close = template.indexOf('}', at);
    const nested = template.indexOf('{', at + 1);
    if (close < 0 || (nested >= 0 && nested < close)) {
      return fail(
        `has a '{' at character ${at + 1} that is not closed with '}': write {{ for a brace`,
      );
    }
    const inner = template.slice(at + 1, close).trim();
    if (inner === '') return fail('has an empty {}: put a placeholder inside, such as {agentId}');
    const colon = inner.indexOf(':');
    const found =
      colon < 0
        ? findPlaceholder(inner, undefined, profileId)
        : findPlaceholder(inner.slice(0, colon), inner.slice(colon + 1), profileId);
    if ('error' in found) return fail(found.error);
    if (text !== '') parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'placeholder', placeholder: found });
    at = close + 1;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return { ok: true, template: { template, parts } };
}

function fail(error: string): TemplateReading {
  return { ok: false, error };
}

/** The placeholders a template holds. */
export function placeholdersOf(template: ValueTemplate): readonly Placeholder[] {
  return template.parts.flatMap((part) => (part.kind === 'placeholder' ? [part.placeholder] : []));
}

/** A template filled for one recording: missing values are left empty, and named. */
export interface FilledTemplate {
  readonly text: string;
  /** The placeholders the recording has no value for, as written. */
  readonly missing: readonly string[];
}

/** Fills a template; `encode` is applied to each placeholder's value (percent-encoding in an address). */
export function fillTemplate(
  template: ValueTemplate,
  input: PlaceholderInput,
  encode: (value: string) => string = (value) => value,
): FilledTemplate {
  let text = '';
  const missing: string[] = [];
  for (const part of template.parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const value = part.placeholder.value(input);
    if (value === undefined || value === '') missing.push(part.placeholder.source);
    else text += encode(value);
  }
  return { text, missing };
}
