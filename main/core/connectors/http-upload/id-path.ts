/** One step into a JSON answer: a key of an object, or an index into a list. */
export type IdPathStep = string | number;

/** How responseIdPath is written, for messages. */
export const ID_PATH_EXAMPLES = 'id, data.id or result[0].id';

/** Reads a path such as `data.id`, `result[0].id` or `[0].id`; null when it is not one. */
export function readIdPath(text: string): readonly IdPathStep[] | null {
  const steps: IdPathStep[] = [];
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const index = /^\[(\d+)\]/.exec(rest);
    if (index) {
      steps.push(Number(index[1]));
      at += index[0].length;
      continue;
    }
    const key = (steps.length === 0 ? /^([^.[\]\s]+)/ : /^\.([^.[\]\s]+)/).exec(rest);
    if (!key) return null;
    steps.push(key[1] as string);
    at += key[0].length;
  }
  return steps.length > 0 ? steps : null;
}

/** The text at a path in a JSON answer: a non-empty string, or a number written out; else undefined. */
export function findId(answer: unknown, path: readonly IdPathStep[]): string | undefined {
  let value: unknown = answer;
  for (const step of path) {
    if (typeof step === 'number') {
      value = Array.isArray(value) ? value[step] : undefined;
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      value = Object.hasOwn(value, step) ? (value as Record<string, unknown>)[step] : undefined;
    } else {
      value = undefined;
    }
  }
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** What a JSON answer holds at its top, for a message: "an object with keys id, status". */
export function describeAnswer(answer: unknown): string {
  if (Array.isArray(answer)) return `a list of ${answer.length}`;
  if (typeof answer === 'object' && answer !== null) {
    const keys = Object.keys(answer);
    const shown = keys.slice(0, 8).join(', ');
    return keys.length === 0
      ? 'an empty object'
      : `an object with the keys ${shown}${keys.length > 8 ? ', …' : ''}`;
  }
  return answer === null ? 'null' : `a ${typeof answer}`;
}
