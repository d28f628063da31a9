import { DATE_PIECE_WIDTH, isVariable, type TemplatePart } from './template-syntax.ts';

/**
 * Where the first `count` parts of a template match the start of a name's stem (all of it
 * when `whole`): the offset where each part ends, or undefined when they do not match.
 *
 * A part that has no fixed width ({agentId}, {extra:key}, {*}) ends where the literal after it
 * first appears; before a date piece it takes as much as it can and still lets the rest
 * match, as a backtracking regular expression would. Unlike one, each part is tried at each
 * place at most once, so no name, however long or odd, can make a match take long.
 */
export function matchParts(
  parts: readonly TemplatePart[],
  stem: string,
  count: number,
  whole: boolean,
): number[] | undefined {
  const key = (index: number, at: number) => index * (stem.length + 1) + at;
  const dead = new Set<number>();
  // starts[i] is where part i begins; options[i] are the ends to try for it, next[i] the next one.
  const starts: number[] = [0];
  const options: number[][] = [count > 0 ? ends(parts, 0, stem, 0) : []];
  const next: number[] = [0];
  let index = 0;
  for (;;) {
    if (index === count) {
      if (!whole || starts[count] === stem.length) return starts.slice(1, count + 1);
      if (count === 0) return undefined;
      index -= 1;
      continue;
    }
    const end = options[index]?.[next[index] ?? 0];
    next[index] = (next[index] ?? 0) + 1;
    if (end === undefined) {
      dead.add(key(index, starts[index] ?? 0));
      if (index === 0) return undefined;
      index -= 1;
      continue;
    }
    if (dead.has(key(index + 1, end))) continue;
    starts[index + 1] = end;
    index += 1;
    if (index < count) {
      options[index] = ends(parts, index, stem, end);
      next[index] = 0;
    }
  }
}

/** The first part that a name stops following, and where; undefined when every part can match. */
export function firstMismatch(
  parts: readonly TemplatePart[],
  stem: string,
): { readonly index: number; readonly matched: string } | undefined {
  // A prefix that does not match cannot match when longer: find the shortest one by halving.
  let low = 0;
  let high = parts.length;
  if (matchParts(parts, stem, high, false)) return undefined;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (matchParts(parts, stem, middle, false)) low = middle;
    else high = middle;
  }
  const matched = matchParts(parts, stem, low, false)?.at(-1) ?? 0;
  return { index: high - 1, matched: stem.slice(0, matched) };
}

/** Where part `index`, starting at `at`, may end, in the order a greedy match tries them. */
function ends(parts: readonly TemplatePart[], index: number, stem: string, at: number): number[] {
  const part = parts[index];
  if (part === undefined) return [];
  if (part.kind === 'literal') return stem.startsWith(part.text, at) ? [at + part.text.length] : [];
  if (part.kind === 'date') {
    const end = at + DATE_PIECE_WIDTH[part.piece];
    return end <= stem.length && /^[0-9]+$/.test(stem.slice(at, end)) ? [end] : [];
  }
  if (!isVariable(part)) return [];
  const least = at + (part.kind === 'ignore' ? 0 : 1);
  const after = parts[index + 1];
  if (after?.kind === 'literal') {
    // It cannot hold the literal after it, so it ends where that literal first appears.
    const found = stem.indexOf(after.text, at);
    const end = found < 0 ? stem.length : found;
    return end >= least ? [end] : [];
  }
  if (after === undefined) return stem.length >= least ? [stem.length] : [];
  // Before a date piece: longest first.
  const longestFirst: number[] = [];
  for (let end = stem.length; end >= least; end--) longestFirst.push(end);
  return longestFirst;
}
