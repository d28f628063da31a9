// What a message to a person must not look like: a program talking to itself.

const NOT_PLAIN: readonly (readonly [RegExp, string])[] = [
  [/^\s*$/, 'it is empty'],
  [/\bundefined\b/, 'it says "undefined"'],
  [/\bNaN\b/, 'it says "NaN"'],
  [/\[object \w+\]/, 'it says "[object …]"'],
  [/\n\s+at .+:\d+:\d+/, 'it holds a stack trace'],
  [/\b(Type|Range|Reference|Syntax|Internal)Error\b/, 'it names a program error'],
];

/** Why a message is not in plain words (an empty list when it is). */
export function notPlainWords(message: string): string[] {
  return NOT_PLAIN.filter(([pattern]) => pattern.test(message)).map(([, why]) => why);
}
