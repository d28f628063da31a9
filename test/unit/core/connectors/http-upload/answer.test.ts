import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ConfigurationError,
  RejectedError,
  TransientError,
} from '../../../../../main/core/connectors/errors.ts';
import type { HttpResponse } from '../../../../../main/core/connectors/http/http-client.ts';
import { uploadReceipt } from '../../../../../main/core/connectors/http-upload/answer.ts';
import { findId, readIdPath } from '../../../../../main/core/connectors/http-upload/id-path.ts';

const words = { label: 'the HTTP API at api.example.com', subject: 'the recording a.wav' };
const requestUrl = new URL('https://api.example.com/v1/recordings');

function answer(
  status: number,
  body: unknown = '',
  headers: HttpResponse['headers'] = {},
): HttpResponse {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return { status, headers, text, bodySent: true };
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('responseIdPath', () => {
  it('reads keys, list indexes and both together', () => {
    expect(readIdPath('id')).toEqual(['id']);
    expect(readIdPath('data.id')).toEqual(['data', 'id']);
    expect(readIdPath('result[0].id')).toEqual(['result', 0, 'id']);
    expect(readIdPath('[1].recording.uuid')).toEqual([1, 'recording', 'uuid']);
    expect(readIdPath('items[0][2]')).toEqual(['items', 0, 2]);
  });

  it('is not a path when it is empty or badly formed', () => {
    for (const bad of ['', 'data..id', '.id', 'data.', 'a[x]', 'a[0', 'a b']) {
      expect(readIdPath(bad), bad).toBeNull();
    }
  });

  it('finds text and numbers, and nothing where the answer has no id', () => {
    const body = { data: { id: 'rec-1' }, result: [{ id: 42 }], empty: '', list: [] };
    expect(findId(body, ['data', 'id'])).toBe('rec-1');
    expect(findId(body, ['result', 0, 'id'])).toBe('42');
    expect(findId(body, ['empty'])).toBeUndefined();
    expect(findId(body, ['data'])).toBeUndefined();
    expect(findId(body, ['list', 0])).toBeUndefined();
    expect(findId(body, ['result', 'id'])).toBeUndefined();
    expect(findId(body, ['toString'])).toBeUndefined();
  });
});

describe('the answer to an upload', () => {
  const withPath = { responseIdPath: { text: 'data.id', steps: ['data', 'id'] } };

  it('gives the id at responseIdPath and the Location as the receipt', () => {
    const ok = answer(201, { data: { id: 'rec-9' } }, { location: '/v1/recordings/rec-9' });
    expect(uploadReceipt(ok, withPath, words, requestUrl)).toEqual({
      remoteId: 'rec-9',
      url: 'https://api.example.com/v1/recordings/rec-9',
    });
  });

  it('keeps the Location as the id when no responseIdPath is set, or nothing without one', () => {
    const located = answer(201, '', { location: 'https://cdn.example.com/r/9' });
    expect(uploadReceipt(located, {}, words, requestUrl)).toEqual({
      remoteId: 'https://cdn.example.com/r/9',
      url: 'https://cdn.example.com/r/9',
    });
    expect(uploadReceipt(answer(204), {}, words, requestUrl)).toEqual({ remoteId: '' });
  });

  it('pauses the destination when an accepted answer has no id where the profile says', () => {
    const error = thrown(() =>
      uploadReceipt(answer(200, { id: 'x', status: 'ok' }), withPath, words, requestUrl),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(
      'the HTTP API at api.example.com took the recording a.wav (HTTP 200 OK), but its answer has no id at "data.id" ' +
        '(the answer is an object with the keys id, status): correct responseIdPath, or leave it out. ' +
        'The recording will be sent again once the destination resumes',
    );
    const notJson = thrown(() => uploadReceipt(answer(200, 'OK'), withPath, words, requestUrl));
    expect(notJson.message).toContain('(the answer is not JSON)');
  });

  it('takes only the accepted statuses, and a success outside them pauses the destination', () => {
    const accepted = { acceptedStatuses: new Set([202, 302]) };
    expect(uploadReceipt(answer(202), accepted, words, requestUrl)).toEqual({ remoteId: '' });
    const moved = answer(302, '', { location: '/done/7' });
    expect(uploadReceipt(moved, accepted, words, requestUrl).remoteId).toBe(
      'https://api.example.com/done/7',
    );
    const error = thrown(() => uploadReceipt(answer(200), accepted, words, requestUrl));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(
      /answered HTTP 200 OK to the recording a\.wav, which is not one of the accepted statuses \(202, 302\): if it means the recording was taken, add 200 to acceptedStatuses/,
    );
  });

  it('classifies other statuses as every connector does', () => {
    const busy = thrown(() =>
      uploadReceipt(answer(503, '', { 'retry-after': '9' }), {}, words, requestUrl),
    );
    expect(busy).toBeInstanceOf(TransientError);
    expect((busy as TransientError).retryAfterMs).toBe(9000);
    expect(thrown(() => uploadReceipt(answer(401), {}, words, requestUrl))).toBeInstanceOf(
      AuthError,
    );
    const refused = thrown(() =>
      uploadReceipt(answer(422, { message: 'bad audio' }), {}, words, requestUrl),
    );
    expect(refused).toBeInstanceOf(RejectedError);
    expect(refused.message).toBe(
      'the HTTP API at api.example.com refused the recording a.wav: bad audio (HTTP 422 Unprocessable Entity)',
    );
    expect(thrown(() => uploadReceipt(answer(404), {}, words, requestUrl))).toBeInstanceOf(
      ConfigurationError,
    );
  });
});
