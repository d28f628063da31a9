import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../../../main/core/connectors/errors.ts';
import {
  networkFailure,
  parseRetryAfter,
  platformReason,
  statusFailure,
  type AnsweredRequest,
} from '../../../../../main/core/connectors/http/classify.ts';
import { FileReadError } from '../../../../../main/core/connectors/http/multipart.ts';

const words = { label: 'Ender Turing', subject: 'the recording' };

function answer(
  status: number,
  text = '',
  headers: AnsweredRequest['headers'] = {},
  bodySent = true,
): AnsweredRequest {
  return { status, text, headers, bodySent };
}

describe('Retry-After', () => {
  it('reads a number of seconds', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
  });

  it('reads an HTTP date as the time left until then', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:00:30 GMT', now)).toBe(30_000);
  });

  it('treats a date already past as "now"', () => {
    const now = Date.parse('2025-03-01T10:00:00Z');
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe("the platform's reason", () => {
  it('is the JSON detail when there is one', () => {
    expect(platformReason('{"detail":"Audio must be stereo"}', 422)).toBe('Audio must be stereo');
  });

  it("lists FastAPI's validation errors with where they are", () => {
    const text = JSON.stringify({
      detail: [{ loc: ['query', 'language'], msg: 'Field required', type: 'missing' }],
    });
    expect(platformReason(text, 422)).toBe('query.language: Field required');
  });

  it('is the JSON message when there is no detail', () => {
    expect(platformReason('{"code":503,"message":"queue full"}', 503)).toBe('queue full');
  });

  it('is the status text when the body says nothing readable', () => {
    expect(platformReason('<html>Bad gateway</html>', 502)).toBe('Bad Gateway');
  });
});

describe('classifying an answer', () => {
  it('makes 503 with Retry-After a transient failure that says how long to wait', () => {
    const error = statusFailure(answer(503, '', { 'retry-after': '7' }), words);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).retryAfterMs).toBe(7_000);
    expect((error as TransientError).uncertain).toBe(false);
  });

  it.each([408, 429, 500, 502, 504])('makes %i a transient failure', (status) => {
    expect(statusFailure(answer(status), words)).toBeInstanceOf(TransientError);
  });

  it('marks a 500 after the whole file was sent as uncertain: the platform may have kept it', () => {
    const error = statusFailure(answer(500, '', {}, true), words) as TransientError;
    expect(error.uncertain).toBe(true);
  });

  it.each([400, 413, 415, 422])("makes %i a rejection carrying the platform's reason", (status) => {
    const error = statusFailure(answer(status, '{"detail":"not a call recording"}'), words);
    expect(error).toBeInstanceOf(RejectedError);
    expect(error.message).toContain('Ender Turing refused the recording: not a call recording');
  });

  it.each([401, 403])('makes %i an authentication failure', (status) => {
    expect(statusFailure(answer(status), words)).toBeInstanceOf(AuthError);
  });

  it('makes 404 a configuration problem pointing at the server address', () => {
    const error = statusFailure(answer(404), words);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('check the server address');
  });
});

describe('classifying a request that got no answer', () => {
  it('makes a dropped connection after the body was sent an uncertain transient failure', () => {
    const error = networkFailure(
      Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      {
        ...words,
        bodySent: true,
      },
    );
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).uncertain).toBe(true);
  });

  it('makes an untrusted certificate a configuration problem, not something to retry', () => {
    const cause = Object.assign(new Error('self-signed certificate'), {
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    const error = networkFailure(cause, { ...words, bodySent: false });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('CA certificate');
  });

  it('makes a recording that vanished from disk a rejection', () => {
    const error = networkFailure(
      new FileReadError('could not read the recording a.wav: it is no longer there', 'ENOENT'),
      {
        ...words,
        bodySent: false,
      },
    );
    expect(error).toBeInstanceOf(RejectedError);
  });
});
