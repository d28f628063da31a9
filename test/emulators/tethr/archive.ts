import type { IncomingMessage } from 'node:http';
import { drain, mediaType } from '../shared/http.ts';
import { readMultipart, type Part } from '../shared/multipart.ts';
import { checkInfo, DATA_TYPE_OF_FORMAT, type ArchiveInfo } from './info-check.ts';
import { message, type Answer, type EmulatorState } from './answers.ts';

/** `POST /callCapture/v1/archive`: multipart `info` (application/json) then `data` (the audio). */
export async function archive(req: IncomingMessage, state: EmulatorState): Promise<Answer> {
  const denied = state.authorize(req);
  const type = mediaType(req.headers['content-type']);
  if (denied !== null || type !== 'multipart/form-data') {
    await drain(req);
    return (
      denied ??
      message(415, `The request entity's media type '${type}' is not supported for this resource.`)
    );
  }
  const outcome = await readMultipart(req);
  if (!outcome.ok) return message(400, outcome.reason);
  const checked = checkParts(outcome.parts);
  if (!checked.ok) return message(400, checked.reason);
  const { info, data } = checked;
  if (state.calls.bySession(info.sessionId) !== undefined) {
    return message(409, `A call with session id ${info.sessionId} has already been received`);
  }
  const rejection = state.dice.roll('reject', 'archive');
  if (rejection !== undefined) return message(rejection.status, rejection.detail);
  const call = state.calls.add({
    callId: state.calls.newCallId(),
    sessionId: info.sessionId,
    info,
    fileName: data.fileName,
    contentType: data.contentType,
    bytes: data.bytes,
    sha256: data.sha256,
  });
  if (state.dice.roll('dropAfterStore', 'archive')) return { drop: true };
  return { status: 200, body: { callId: call.callId } };
}

type CheckedParts =
  | {
      readonly ok: true;
      readonly info: ArchiveInfo;
      readonly data: Extract<Part, { kind: 'file' }>;
    }
  | { readonly ok: false; readonly reason: string };

/** Exactly two parts: `info` as application/json first, then `data` as a file of the format's content type. */
function checkParts(parts: readonly Part[]): CheckedParts {
  const [first, second, ...more] = parts;
  if (first === undefined || first.name !== 'info') {
    return { ok: false, reason: 'The first part must be info (application/json)' };
  }
  if (first.kind !== 'field' || mediaType(first.contentType) !== 'application/json') {
    return { ok: false, reason: 'The info part must be JSON with content type application/json' };
  }
  if (second === undefined || second.name !== 'data' || second.kind !== 'file') {
    return { ok: false, reason: 'The second part must be data, the audio file' };
  }
  if (more.length > 0) {
    return { ok: false, reason: `Unexpected part ${more[0]?.name ?? ''}: send only info and data` };
  }
  const checked = checkInfo(first.value);
  if (!checked.ok) return checked;
  const expected = DATA_TYPE_OF_FORMAT[checked.info.audio.format];
  if (mediaType(second.contentType) !== expected) {
    return {
      ok: false,
      reason: `The data part of ${checked.info.audio.format} audio must have content type ${expected}, not ${second.contentType}`,
    };
  }
  if (second.bytes === 0) return { ok: false, reason: 'The data part is empty' };
  return { ok: true, info: checked.info, data: second };
}
