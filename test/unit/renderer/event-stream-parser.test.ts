import { describe, expect, it } from 'vitest';
import { EventStreamParser } from '../../../renderer/src/client/event-stream-parser.ts';

/** Feeds the pieces in order and collects every event. */
function parse(pieces: readonly string[]) {
  const parser = new EventStreamParser();
  return pieces.flatMap((piece) => [...parser.push(piece)]);
}

describe('reading the event stream the window gets over fetch()', () => {
  it('reads typed events, skips comments, and joins data lines', () => {
    expect(
      parse([': connected\n\nevent: status\ndata: {"a":1}\n\n', 'data: one\ndata: two\n\n']),
    ).toEqual([
      { type: 'status', data: '{"a":1}' },
      { type: 'message', data: 'one\ntwo' },
    ]);
  });

  it('gives the same events however the bytes are cut, with LF, CR or CRLF line ends', () => {
    const text =
      'event: recording\r\ndata: {"id":7}\r\n\r\nevent: progress\rdata:x\r\revent: status\ndata: y\n\n';
    const whole = parse([text]);
    expect(whole).toEqual([
      { type: 'recording', data: '{"id":7}' },
      { type: 'progress', data: 'x' },
      { type: 'status', data: 'y' },
    ]);
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(parse([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    }
    expect(parse([...text])).toEqual(whole);
  });

  it('sends nothing for an event cut off before its blank line, or one without data', () => {
    expect(parse(['event: status\n\n', 'event: status\ndata: half'])).toEqual([]);
  });
});
