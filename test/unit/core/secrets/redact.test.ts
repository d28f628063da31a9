import { describe, expect, it } from 'vitest';
import { createRedactor, redactSecrets } from '../../../../main/core/secrets/redact.ts';

describe('redacting secrets from logs and error messages', () => {
  it('replaces every occurrence of each current secret', () => {
    expect(
      redactSecrets('login as bob with hunter22 failed; retry with hunter22', ['hunter22']),
    ).toBe('login as bob with *** failed; retry with ***');
  });

  it('replaces the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('key=abcd-efgh-1234 pass abcd', ['abcd', 'abcd-efgh-1234'])).toBe(
      'key=*** pass ***',
    );
  });

  it('finds a secret written into JSON or a URL, where it is escaped', () => {
    const secret = 'p@ss "word"/1';
    const redact = createRedactor([secret]);
    expect(redact(JSON.stringify({ msg: `sent ${secret}` }))).toBe('{"msg":"sent ***"}');
    expect(redact(`GET /login?u=bob&p=${encodeURIComponent(secret)}`)).toBe(
      'GET /login?u=bob&p=***',
    );
    expect(redact('body: a=p%40ss+%22word%22%2F1')).toBe('body: a=***');
  });

  it('takes secret values literally, not as patterns', () => {
    expect(redactSecrets('total 1.5+2 and 1x5+2', ['1.5+2'])).toBe('total *** and 1x5+2');
  });

  it('leaves text alone for values shorter than 4 characters', () => {
    expect(redactSecrets('the agent answered at 12:00', ['a', 'at', '12:'])).toBe(
      'the agent answered at 12:00',
    );
  });

  it('strips bearer tokens and auth header values even when the value is not known', () => {
    const redact = createRedactor([]);
    expect(redact('Authorization: Bearer eyJhbGciOi.J9.abc\r\nHost: x')).toBe(
      'Authorization: Bearer ***\r\nHost: x',
    );
    expect(redact('X-Auth-Token: 0123456789abcdef')).toBe('X-Auth-Token: ***');
    expect(redact('{"headers":{"authorization":"Bearer abc.def","x-auth-token":"t0k"}}')).toBe(
      '{"headers":{"authorization":"Bearer ***","x-auth-token":"***"}}',
    );
    expect(redact("{ authorization: 'Basic dXNlcjpwYXNz' }")).toBe(
      "{ authorization: 'Basic ***' }",
    );
    expect(redact('request failed (Bearer 9f8e7d6c5b4a) with 401')).toBe(
      'request failed (Bearer ***) with 401',
    );
  });

  it('strips passwords and tokens from form bodies and JSON answers', () => {
    const redact = createRedactor([]);
    expect(redact('username=bob%40example.com&password=hunter2&grant_type=password')).toBe(
      'username=bob%40example.com&password=***&grant_type=password',
    );
    expect(redact('password=hunter2')).toBe('password=***');
    expect(redact('POST /token client_id=a&client_secret=zzz')).toBe(
      'POST /token client_id=a&client_secret=***',
    );
    expect(redact('{"access_token":"eyJ\\"x","token_type":"bearer","password": "p"}')).toBe(
      '{"access_token":"***","token_type":"bearer","password": "***"}',
    );
  });

  it('keeps ordinary words about credentials readable', () => {
    const text =
      'Ender Turing refused the username or password; the password field is empty; token expired; ' +
      'the platform expects Bearer authentication';
    expect(createRedactor(['secret-value'])(text)).toBe(text);
  });
});
