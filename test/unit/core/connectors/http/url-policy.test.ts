import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../../../main/core/connectors/errors.ts';
import {
  checkBaseUrl,
  isLoopbackHost,
  joinUrl,
} from '../../../../../main/core/connectors/http/url-policy.ts';

describe('server address policy', () => {
  it('accepts https addresses', () => {
    expect(checkBaseUrl('https://company.enderturing.com', false, 'et').host).toBe(
      'company.enderturing.com',
    );
  });

  it('refuses plain http to another computer: the password would travel unencrypted', () => {
    expect(() => checkBaseUrl('http://company.enderturing.com', false, 'et')).toThrow(
      ConfigurationError,
    );
    expect(() => checkBaseUrl('http://company.enderturing.com', false, 'et')).toThrow(
      /allowInsecureHttp/,
    );
  });

  it('allows plain http to this computer, e.g. a test server', () => {
    expect(checkBaseUrl('http://127.0.0.1:8080', false, 'et').port).toBe('8080');
    expect(checkBaseUrl('http://localhost:8080', false, 'et').hostname).toBe('localhost');
    expect(checkBaseUrl('http://[::1]:8080', false, 'et').hostname).toBe('[::1]');
  });

  it('allows plain http anywhere when the profile says so', () => {
    expect(checkBaseUrl('http://pbx.office.lan', true, 'et').hostname).toBe('pbx.office.lan');
  });

  it('refuses an address with a password in it', () => {
    expect(() => checkBaseUrl('https://me:secret@company.enderturing.com', false, 'et')).toThrow(
      /must not hold a user name or password/,
    );
  });

  it('refuses what is not an address at all', () => {
    expect(() => checkBaseUrl('company.enderturing.com', false, 'et')).toThrow(ConfigurationError);
  });

  it('tells loopback hosts from others', () => {
    expect(isLoopbackHost('127.8.9.10')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
    expect(isLoopbackHost('localhost.example.com')).toBe(false);
  });
});

describe('joining paths to the server address', () => {
  it('keeps the path an on-premises server is served under', () => {
    const base = new URL('https://pbx.example.com/enderturing');
    expect(joinUrl(base, 'api/v1/sessions').href).toBe(
      'https://pbx.example.com/enderturing/api/v1/sessions',
    );
  });

  it('works with or without a trailing slash on either side', () => {
    const base = new URL('https://company.enderturing.com/');
    expect(joinUrl(base, '/api/v1/sessions').href).toBe(
      'https://company.enderturing.com/api/v1/sessions',
    );
  });
});
