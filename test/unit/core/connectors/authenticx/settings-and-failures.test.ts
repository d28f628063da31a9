import { describe, expect, it } from 'vitest';
import {
  authenticxReason,
  tokenFailure,
} from '../../../../../main/core/connectors/authenticx/failures.ts';
import {
  MAX_BYTES,
  uploadRefusal,
} from '../../../../../main/core/connectors/authenticx/file-checks.ts';
import { authenticxSettings } from '../../../../../main/core/connectors/authenticx/settings.ts';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../../../main/core/connectors/errors.ts';
import type { Profile } from '../../../../../main/core/settings/schema.ts';

function profile(options: Profile['options']): Profile {
  return { id: 'ax', connector: 'authenticx', allowInsecureHttp: false, options };
}

function answer(status: number, text: string) {
  return { status, text, headers: {}, bodySent: false };
}

describe('Authenticx profile options', () => {
  it('read the language written as text or as a number', () => {
    expect(authenticxSettings(profile({ clientId: 'c', localeId: '2058' })).localeId).toBe(2058);
    expect(authenticxSettings(profile({ clientId: 'c', localeId: 1033 })).localeId).toBe(1033);
  });

  it('refuse a language Authenticx does not transcribe', () => {
    expect(() => authenticxSettings(profile({ clientId: 'c', localeId: '1049' }))).toThrow(
      new ConfigurationError(
        'the language (localeId) of profile ax is "1049": Authenticx takes 1033 (English) or 2058 (Spanish)',
      ),
    );
  });

  it('need a client id', () => {
    expect(() => authenticxSettings(profile({}))).toThrow(
      new ConfigurationError('no client id set for profile ax'),
    );
  });

  it('leave the hierarchy out unless one is named', () => {
    expect(authenticxSettings(profile({ clientId: 'c', applyHierarchyToAgent: false }))).toEqual({
      clientId: 'c',
    });
  });
});

describe('Authenticx file checks', () => {
  it('take a file of exactly 2.5 GB and refuse one byte more', () => {
    expect(uploadRefusal({ fileName: 'a.wav', sizeBytes: MAX_BYTES })).toBeNull();
    expect(uploadRefusal({ fileName: 'a.wav', sizeBytes: MAX_BYTES + 1 })).toBeInstanceOf(
      RejectedError,
    );
  });

  it('take every audio extension of the seed, in any case', () => {
    for (const name of ['a.wav', 'a.MP3', 'a.mp4', 'a.ogg', 'a.opus', 'a.M4A']) {
      expect(uploadRefusal({ fileName: name, sizeBytes: 10 })).toBeNull();
    }
    expect(uploadRefusal({ fileName: 'a.zip', sizeBytes: 10 })).toBeInstanceOf(RejectedError);
  });
});

describe("Authenticx's reasons", () => {
  it.each([
    [
      'a plain-text message',
      'File extension in metadata file name and upload file must match!',
      'File extension in metadata file name and upload file must match!',
    ],
    [
      'a JSON string',
      '"An interaction with this file name already exists."',
      'An interaction with this file name already exists.',
    ],
    [
      "ASP.NET's validation problem",
      JSON.stringify({
        title: 'One or more validation errors occurred.',
        errors: { LocaleId: ['must be 1033 or 2058'] },
      }),
      'LocaleId: must be 1033 or 2058',
    ],
    ['a problem with only a title', JSON.stringify({ title: 'Bad things' }), 'Bad things'],
    ['an HTML error page', '<html><body>Bad Request</body></html>', 'Bad Request'],
    ['nothing at all', '', 'Bad Request'],
  ])('are read from %s', (_, text, reason) => {
    expect(authenticxReason(text, 400)).toBe(reason);
  });
});

describe('A refused Authenticx sign-in', () => {
  it.each(['invalid_client', 'unauthorized_client', 'invalid_scope'])(
    'with %s pauses the destination for its credentials',
    (error) => {
      const failure = tokenFailure(answer(400, JSON.stringify({ error })));
      expect(failure).toBeInstanceOf(AuthError);
      expect(failure.message).toBe(`Authenticx refused the client id or secret (${error})`);
    },
  );

  it('with another 400 is a configuration problem', () => {
    const failure = tokenFailure(answer(400, JSON.stringify({ error: 'invalid_request' })));
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect(failure.message).toBe('Authenticx refused the sign-in: invalid_request (HTTP 400)');
  });

  it('with 503 is tried again later', () => {
    expect(tokenFailure(answer(503, 'Service Unavailable'))).toBeInstanceOf(TransientError);
  });
});
