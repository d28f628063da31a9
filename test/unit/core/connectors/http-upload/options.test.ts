import { describe, expect, it } from 'vitest';
import {
  formatSettingsErrors,
  validateSettings,
} from '../../../../../main/core/settings/load-settings.ts';

/** A profile of the generic HTTP connector as users write it. */
const good = {
  url: 'https://api.example.com/v1/recordings?agent={agentId}',
  fields: { metadata: '{metadataJson}', caller: '{clientId}' },
  headers: { 'X-Api-Key': '{secret:apiKey}' },
  responseIdPath: 'data.id',
};

function settingsWith(options: Record<string, unknown>, profile: Record<string, unknown> = {}) {
  return { profiles: [{ id: 'acme', connector: 'http', options, ...profile }] };
}

function errorsOf(options: Record<string, unknown>, profile: Record<string, unknown> = {}) {
  const result = validateSettings(settingsWith(options, profile));
  return result.ok ? [] : formatSettingsErrors(result.errors).split('\n');
}

const at = (path: string, message: string): string => `profiles[0].options.${path}: ${message}`;

describe('the HTTP API connector settings', () => {
  it('accept a usual profile and fill in the defaults', () => {
    const result = validateSettings(settingsWith(good));
    expect(result.ok && result.settings.profiles[0]?.options).toEqual({
      ...good,
      method: 'POST',
      fileField: 'file',
      auth: 'none',
      tokenClientAuth: 'basic',
    });
  });

  it('accept each way of signing in with what it needs', () => {
    expect(errorsOf({ ...good, auth: 'basic', username: 'uploader' })).toEqual([]);
    expect(errorsOf({ ...good, auth: 'bearer' })).toEqual([]);
    expect(
      errorsOf({
        ...good,
        auth: 'oauth2-client-credentials',
        tokenUrl: 'https://login.example.com/oauth2/token',
        clientId: 'courier',
        scope: 'recordings:write',
        tokenClientAuth: 'post',
      }),
    ).toEqual([]);
  });

  it('require what a way of signing in needs, and refuse what belongs to another', () => {
    expect(errorsOf({ ...good, auth: 'basic' })).toEqual([
      at('username', 'is required when auth is basic'),
    ]);
    expect(errorsOf({ ...good, auth: 'oauth2-client-credentials', scope: 's' })).toEqual([
      at('tokenUrl', 'is required when auth is oauth2-client-credentials'),
      at('clientId', 'is required when auth is oauth2-client-credentials'),
    ]);
    expect(errorsOf({ ...good, auth: 'bearer', username: 'u', clientId: 'c' })).toEqual([
      at('username', 'is used only when auth is basic: remove it, or set auth to basic'),
      at(
        'clientId',
        'is used only when auth is oauth2-client-credentials: remove it, or set auth to oauth2-client-credentials',
      ),
    ]);
    expect(errorsOf({ ...good, auth: 'basic', username: 'a:b' })).toEqual([
      at('username', "cannot hold ':' with auth basic: the password is sent after the first ':'"),
    ]);
    expect(errorsOf({ ...good, auth: 'kerberos' })).toEqual([
      at('auth', 'must be "none" or "basic" or "bearer" or "oauth2-client-credentials"'),
    ]);
  });

  it('refuse a secret written into the file, saying where it belongs', () => {
    expect(errorsOf({ ...good, auth: 'bearer', token: 'abc' })).toEqual([
      at(
        'token',
        'is a secret and does not belong in the settings file: remove it and store it in the keychain with `call-courier secret set acme token`',
      ),
    ]);
  });

  it('refuse templates naming unknown details, with the known ones', () => {
    const [url] = errorsOf({ ...good, url: 'https://api.example.com/{agent}' });
    expect(url).toMatch(
      /^profiles\[0\]\.options\.url: \{agent\} is not a placeholder: use \{agentId\}, /,
    );
    expect(errorsOf({ ...good, fields: { who: '{AgentId}' } })).toEqual([
      at('fields.who', '{AgentId} is not a placeholder: did you mean {agentId}?'),
    ]);
    expect(errorsOf({ ...good, headers: { 'X-Call': '{callid' } })).toEqual([
      at(
        'headers.X-Call',
        "has a '{' at character 1 that is not closed with '}': write {{ for a brace",
      ),
    ]);
  });

  it('refuse an address that is not https, or with placeholders in the server name', () => {
    expect(errorsOf({ ...good, url: 'http://api.example.com/up' })).toEqual([
      at(
        'url',
        'must be an https:// URL (http is allowed only for 127.0.0.1/localhost, or with "allowInsecureHttp": true)',
      ),
    ]);
    expect(
      errorsOf({ ...good, url: 'http://api.example.com/up' }, { allowInsecureHttp: true }),
    ).toEqual([]);
    expect(errorsOf({ ...good, url: 'https://{extra:tenant}.example.com/up' })).toEqual([
      at(
        'url',
        'may hold placeholders only in its path and query, after the server name, such as https://api.example.com/calls/{agentId}',
      ),
    ]);
    expect(errorsOf({ ...good, url: 'not an address' })).toEqual([
      at('url', 'must be a full address such as https://example.com'),
    ]);
    expect(
      errorsOf({
        ...good,
        auth: 'oauth2-client-credentials',
        tokenUrl: 'https://l.example.com/{x}',
        clientId: 'c',
      }),
    ).toEqual([at('tokenUrl', 'cannot hold placeholders: it is the same for every recording')]);
  });

  it('refuse headers Call Courier sets itself, or that the sign-in already sends', () => {
    expect(errorsOf({ ...good, auth: 'bearer', headers: { authorization: 'Bearer x' } })).toEqual([
      at(
        'headers.authorization',
        'is sent by the auth option (bearer) already: remove this header, or set auth to none',
      ),
    ]);
    expect(errorsOf({ ...good, headers: { Authorization: 'Token {secret:apiKey}' } })).toEqual([]);
    expect(errorsOf({ ...good, headers: { 'Content-Type': 'application/json' } })).toEqual([
      at(
        'headers.Content-Type',
        'is set by Call Courier itself: it is multipart/form-data with its boundary',
      ),
    ]);
  });

  it('refuse header names and values a request cannot carry', () => {
    expect(
      errorsOf({
        ...good,
        headers: { 'X Key': 'a', 'X-Tag': 'a\nb', 'X-Name': 'Олена', 'X-Meta': '{metadataJson}' },
      }),
    ).toEqual([
      at(
        'headers.X Key',
        'is not a header name: use letters, digits and - only, such as X-Api-Key',
      ),
      at('headers.X-Tag', 'must be one line of text'),
      at(
        'headers.X-Name',
        'holds characters a header cannot carry: use plain ASCII text, or send it as a field',
      ),
      at('headers.X-Meta', "{metadataJson} can only be in a field's value, not in a header"),
    ]);
    expect(errorsOf({ ...good, headers: { 'X-Key': 'a', 'x-key': 'b' } })).toEqual([
      at('headers.x-key', 'is given twice (also as X-Key): header names are the same in any case'),
    ]);
    expect(errorsOf({ ...good, headers: { '': 'a' } })).toEqual([
      at('headers', 'has an entry with an empty name'),
    ]);
    expect(errorsOf({ ...good, headers: { 'X-Key': 7 } })).toEqual([
      at('headers.X-Key', 'must be text in quotes'),
    ]);
  });

  it('refuse a field named like the file field', () => {
    expect(errorsOf({ ...good, fileField: 'audio', fields: { audio: '{agentId}' } })).toEqual([
      at('fields.audio', 'has the name of the file field (fileField): rename one of them'),
    ]);
  });

  it('refuse a responseIdPath that is not a path, and statuses that are not successes', () => {
    expect(errorsOf({ ...good, responseIdPath: 'data..id' })).toEqual([
      at(
        'responseIdPath',
        "must be a path into the platform's JSON answer, such as id, data.id or result[0].id",
      ),
    ]);
    expect(errorsOf({ ...good, acceptedStatuses: [201, 404, 'ok'] })).toEqual([
      at('acceptedStatuses[1]', 'must be at most 399'),
      at('acceptedStatuses[2]', 'must be a number'),
    ]);
    expect(errorsOf({ ...good, acceptedStatuses: [] })).toEqual([
      at('acceptedStatuses', 'must have at least 1 item'),
    ]);
    expect(errorsOf({ ...good, method: 'GET' })).toEqual([
      at('method', 'must be "POST" or "PUT" or "PATCH"'),
    ]);
  });
});
