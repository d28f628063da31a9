import { basename } from 'node:path';
import type { Problem } from '../problem.ts';
import { findUndecodable } from '../watch/undecodable-names.ts';

/**
 * When a recording cannot be found by its path because its name is not UTF-8 (the path shows
 * U+FFFD where the name has other bytes), the problem that says so and its real size;
 * undefined when that is not why.
 */
export async function undecodableNameProblem(
  path: string,
): Promise<{ readonly problem: Problem; readonly sizeBytes: number } | undefined> {
  const found = await findUndecodable(path);
  if (found === undefined) return undefined;
  return {
    sizeBytes: found.stats.size,
    problem: {
      code: 'unreadable',
      message:
        `the file name "${basename(path)}" is not valid UTF-8 text (it was probably written by a ` +
        'system that uses another character set, such as a Windows share), so Call Courier ' +
        'cannot open it: rename the file, or set the share to write names in UTF-8',
    },
  };
}
