import { describe, expect, it } from 'vitest';
import { WatchProblems } from '../../../../main/core/watch/watch-problems.ts';
import type { WatchProblem } from '../../../../main/core/watch/watch-types.ts';

const failure = (code: string) => Object.assign(new Error(code), { code });

/** Problems of a folder at /calls, with everything they said. */
function problemsOfCalls() {
  const problems = new WatchProblems('/calls');
  const said: WatchProblem[] = [];
  problems.on((problem) => said.push(problem));
  return { problems, said };
}

describe('watch problems are said once', () => {
  it('an unreadable file is said once until the next scan, then once again', () => {
    const { problems, said } = problemsOfCalls();
    problems.error('/calls/a.wav', failure('EACCES'));
    problems.error('/calls/a.wav', failure('EACCES'));
    problems.error('/calls/b.wav', failure('EACCES'));
    problems.newScan();
    problems.error('/calls/a.wav', failure('EACCES'));

    expect(said.map((p) => p.path)).toEqual(['/calls/a.wav', '/calls/b.wav', '/calls/a.wav']);
    expect(said[0]?.message).toMatch(/not allowed to read \/calls\/a\.wav/);
  });

  it('a problem with the folder itself is said once until it is fixed, even across scans', () => {
    const { problems, said } = problemsOfCalls();
    problems.aboutRoot('the folder is missing');
    problems.newScan();
    problems.aboutRoot('the folder is missing');
    problems.rootIsFine();
    problems.aboutRoot('the folder is missing');

    expect(said).toEqual([
      { path: '/calls', message: 'the folder is missing' },
      { path: '/calls', message: 'the folder is missing' },
    ]);
  });
});
