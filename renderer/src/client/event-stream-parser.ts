/** One Server-Sent Event: its type (`message` when the stream named none) and its data. */
export interface StreamMessage {
  readonly type: string;
  readonly data: string;
}

/**
 * Reads a `text/event-stream` body piece by piece, as the WHATWG EventSource does: lines end in
 * LF, CR or CRLF; `event:` names the type, `data:` lines are joined with LF, a line starting with
 * `:` is a comment, a blank line dispatches. Fields it does not use (`id:`, `retry:`) are ignored.
 */
export class EventStreamParser {
  #buffer = '';
  #type = '';
  #data: string[] = [];
  #endedWithCr = false;

  /** Takes the next piece of text and answers the events it completed. */
  push(text: string): readonly StreamMessage[] {
    let piece = text;
    // A CR at the end of the last piece and an LF at the start of this one are one line break.
    if (this.#endedWithCr && piece.startsWith('\n')) piece = piece.slice(1);
    this.#endedWithCr = piece.endsWith('\r');
    this.#buffer += piece;
    const lines = this.#buffer.split(/\r\n|\r|\n/);
    this.#buffer = lines.pop() ?? '';
    const messages: StreamMessage[] = [];
    for (const line of lines) {
      const message = this.#line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  #line(line: string): StreamMessage | null {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
    return null;
  }

  #dispatch(): StreamMessage | null {
    const type = this.#type === '' ? 'message' : this.#type;
    const data = this.#data;
    this.#type = '';
    this.#data = [];
    return data.length === 0 ? null : { type, data: data.join('\n') };
  }
}
