import { describe, expect, it } from 'vitest';
import {
  fsErrorMessage,
  isLockedError,
  missingFolderMessage,
} from '../../../../main/core/watch/watch-messages.ts';

const failure = (code: string) => Object.assign(new Error(code), { code });

describe('watch problems in plain words', () => {
  it('a missing folder says what to do', () => {
    expect(missingFolderMessage('/x')).toBe(
      'the folder /x does not exist: create it or fix the path in settings',
    );
  });

  it('file system errors name the path and the fix, not the error code', () => {
    expect(fsErrorMessage('/calls', failure('EACCES'))).toBe(
      'Call Courier is not allowed to read /calls: give the account it runs as read access',
    );
    expect(fsErrorMessage('/calls', failure('ENOSPC'))).toMatch(
      /limit on watched folders.*polling/,
    );
  });

  it('a recording locked by the recorder on Windows is waited for, not reported as a problem', () => {
    expect(isLockedError(failure('EBUSY'), 'win32')).toBe(true);
    expect(isLockedError(failure('EPERM'), 'win32')).toBe(true);
    expect(isLockedError(failure('EACCES'), 'linux')).toBe(false);
    expect(isLockedError(failure('EIO'), 'win32')).toBe(false);
  });
});
