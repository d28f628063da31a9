import { describe, expect, it } from 'vitest';
import { logLineRedactor } from '../../../../main/core/privacy/log-redaction.ts';

describe('the redaction every log line goes through', () => {
  it('hides a secret read after the first lines were written, and one that replaced it', () => {
    const secrets = new Set<string>();
    const redact = logLineRedactor(secrets, () => false);
    expect(redact('{"message":"started"}')).toBe('{"message":"started"}');
    secrets.add('first-s3cret-value');
    expect(redact('{"message":"login with first-s3cret-value"}')).toBe(
      '{"message":"login with ***"}',
    );
    // Same number of secrets, other values: the set changed all the same.
    secrets.delete('first-s3cret-value');
    secrets.add('second-s3cret-value');
    expect(redact('{"message":"login with second-s3cret-value"}')).toBe(
      '{"message":"login with ***"}',
    );
    expect(redact('{"password":"typed-in-a-form"}')).toBe('{"password":"***"}');
  });

  it('masks phone numbers only while the setting says so', () => {
    let mask = false;
    const redact = logLineRedactor(new Set(), () => mask);
    const line = '{"message":"call from 380990050000"}';
    expect(redact(line)).toBe(line);
    mask = true;
    expect(redact(line)).not.toContain('380990050000');
  });
});
