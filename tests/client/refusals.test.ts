import { describe, expect, it } from 'vitest';
import { readableRefusal, throttledFor } from '../../client/net/session.ts';

describe('server refusals as the web client shows them', () => {
  it('drops the code a program reads and keeps the sentence a person reads', () => {
    expect(readableRefusal('wrong-code: That join code does not open a seat in this match.')).toBe('That join code does not open a seat in this match.');
    expect(readableRefusal('too-many-attempts: Too many wrong codes … Wait 60 seconds, then try again.')).toBe('Too many wrong codes … Wait 60 seconds, then try again.');
    expect(readableRefusal('The server could not do that: nothing changed.')).toBe('The server could not do that: nothing changed.');
  });

  it('reads the wait of a throttled join, and nothing else', () => {
    expect(throttledFor('too-many-attempts: Too many wrong codes were tried for this match. Wait 30 seconds, then try again.')).toBe(30_000);
    expect(throttledFor('too-many-attempts: … Wait 1 second, then try again.')).toBe(1000);
    expect(throttledFor('wrong-code: Wait 30 seconds')).toBeNull();
  });
});
