import { describe, expect, it } from 'vitest';
import { TypedEvent } from '../../../../main/core/events/typed-event.ts';

describe('typed events', () => {
  it('a listener hears events until its disposer is called', () => {
    const event = new TypedEvent<number>();
    const heard: number[] = [];
    const dispose = event.on((n) => heard.push(n));
    event.emit(1);
    dispose();
    event.emit(2);
    expect(heard).toEqual([1]);
  });

  it('the same function subscribed twice is called twice and disposed one at a time', () => {
    const event = new TypedEvent<string>();
    const heard: string[] = [];
    const listener = (s: string) => heard.push(s);
    const first = event.on(listener);
    event.on(listener);
    event.emit('a');
    first();
    event.emit('b');
    expect(heard).toEqual(['a', 'a', 'b']);
  });
});
