import { describe, expect, it } from 'vitest';
import type { PlaceholderInput } from '../../../../../main/core/connectors/http-upload/placeholders.ts';
import {
  fillUrlPath,
  readUrlTemplate,
} from '../../../../../main/core/connectors/http-upload/url-template.ts';
import {
  fillTemplate,
  readValueTemplate,
  type ValueTemplate,
} from '../../../../../main/core/connectors/http-upload/value-template.ts';

const input: PlaceholderInput = {
  job: {
    fileName: '20240131_2059_Agent99_12345678_IN_0.wav',
    sizeBytes: 32044,
    sha256: 'ab'.repeat(32),
    audio: { container: 'wav', codec: 'pcm', channels: 2, sampleRate: 8000, durationSec: 2.0004 },
    metadata: {
      startTime: '2024-01-31T20:59:00Z',
      agentId: 'Agent99',
      agentFirstName: 'Olena',
      agentLastName: 'Kovalenko-Shevchenko',
      clientId: '12345678',
      direction: 'IN',
      agentChannel: 0,
      waitingTimeSec: 11,
      extra: { ringGroup: 'sales', priority: 2, vip: true, note: null },
    },
  },
  apiKey: 'key-123',
};

function template(text: string): ValueTemplate {
  const reading = readValueTemplate(text, 'acme');
  if (!reading.ok) throw new Error(reading.error);
  return reading.template;
}

const fill = (text: string): string => fillTemplate(template(text), input).text;
const errorOf = (text: string): string | undefined => {
  const reading = readValueTemplate(text, 'acme');
  return reading.ok ? undefined : reading.error;
};

describe('a header or field template', () => {
  it('fills in the call details, the file facts and extra keys', () => {
    expect(fill('{agentId}/{clientId}/{direction}/{agentChannel}/{waitingTimeSec}')).toBe(
      'Agent99/12345678/IN/0/11',
    );
    expect(fill('{agentName} at {startTime}')).toBe(
      'Olena-Kovalenko-Shevchenko at 2024-01-31T20:59:00Z',
    );
    expect(fill('{fileName} {sizeBytes} bytes, {durationSec} s, {channels} channels')).toBe(
      '20240131_2059_Agent99_12345678_IN_0.wav 32044 bytes, 2 s, 2 channels',
    );
    expect(fill('{extra:ringGroup} {extra:priority} {extra:vip}')).toBe('sales 2 true');
    expect(fill('{sha256}')).toBe('ab'.repeat(32));
  });

  it('gives all call details as one JSON object with {metadataJson}', () => {
    expect(JSON.parse(fill('{metadataJson}'))).toEqual(input.job.metadata);
  });

  it('fills {secret:apiKey} with the stored key', () => {
    expect(fill('Key {secret:apiKey}')).toBe('Key key-123');
  });

  it('leaves a detail the recording lacks empty, and names it', () => {
    const filled = fillTemplate(template('{queue}|{callId}|{extra:note}|{agentId}'), input);
    expect(filled).toEqual({
      text: '|||Agent99',
      missing: ['{queue}', '{callId}', '{extra:note}'],
    });
  });

  it('keeps doubled braces as braces, so that a template can be JSON', () => {
    expect(fill('{{"agent": "{agentId}", "n": 1}}')).toBe('{"agent": "Agent99", "n": 1}');
    expect(fill('plain text')).toBe('plain text');
    expect(fill('')).toBe('');
  });

  it('refuses an unknown placeholder, suggesting the one meant or listing them all', () => {
    expect(errorOf('{agentID}')).toBe('{agentID} is not a placeholder: did you mean {agentId}?');
    const listed = errorOf('{agent}');
    expect(listed).toMatch(/^\{agent\} is not a placeholder: use \{agentId\}, /);
    for (const name of [
      '{clientId}',
      '{startTime}',
      '{metadataJson}',
      '{extra:key}',
      '{secret:apiKey}',
    ]) {
      expect(listed).toContain(name);
    }
  });

  it('refuses braces that do not pair, and empty or malformed placeholders', () => {
    expect(errorOf('{agentId')).toBe(
      "has a '{' at character 1 that is not closed with '}': write {{ for a brace",
    );
    expect(errorOf('a}b')).toBe(
      "has a '}' at character 2 with no '{' before it: write }} for a brace",
    );
    expect(errorOf('{ }')).toBe('has an empty {}: put a placeholder inside, such as {agentId}');
    expect(errorOf('{extra}')).toBe('{extra} needs a key, such as {extra:ringGroup}');
    expect(errorOf('{agentId:upper}')).toBe(
      "{agentId:upper} takes no ':': only {extra:key} and {secret:apiKey} do",
    );
  });

  it('refuses any secret but the API key, naming the command that stores it', () => {
    expect(errorOf('{secret:password}')).toBe(
      '{secret:password} cannot be used: the one secret a template can hold is {secret:apiKey}, stored with `call-courier secret set acme apiKey`',
    );
  });
});

describe('the upload address', () => {
  function url(text: string) {
    const reading = readUrlTemplate(text, 'acme');
    if (!reading.ok) throw new Error(reading.error);
    return reading.url;
  }

  it('percent-encodes each value filled into the path and query', () => {
    const address = url(
      'https://api.example.com/v1/{agentId}/calls?who={agentName}&g={extra:note}',
    );
    expect(address.origin).toBe('https://api.example.com');
    const odd = { ...input, job: { ...input.job, metadata: { agentId: 'A/1 #2?x=&y' } } };
    expect(fillUrlPath(address, odd)).toEqual({ ok: false, missing: '{agentName}' });
    const plain = url('https://api.example.com/v1/{agentId}/calls?key={secret:apiKey}');
    expect(fillUrlPath(plain, odd)).toEqual({
      ok: true,
      path: '/v1/A%2F1%20%232%3Fx%3D%26y/calls?key=key-123',
    });
  });

  it('is refused when the recording lacks a detail it needs', () => {
    const address = url('https://api.example.com/v1/{queue}/calls');
    expect(fillUrlPath(address, input)).toEqual({ ok: false, missing: '{queue}' });
  });

  it('may not hold placeholders in the server name, nor the call details as JSON', () => {
    expect(readUrlTemplate('https://{extra:tenant}.example.com/x')).toEqual({
      ok: false,
      error:
        'may hold placeholders only in its path and query, after the server name, such as https://api.example.com/calls/{agentId}',
    });
    expect(readUrlTemplate('https://api.example.com/x?m={metadataJson}')).toEqual({
      ok: false,
      error: "{metadataJson} can only be in a field's value, not in the address",
    });
    expect(readUrlTemplate('api.example.com/{agentId}')).toEqual({
      ok: false,
      error: 'must be a full address such as https://api.example.com/calls/{agentId}',
      notAnAddress: true,
    });
  });
});
