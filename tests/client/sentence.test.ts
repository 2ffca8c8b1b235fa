import { describe, expect, it } from 'vitest';
import { sentence } from '../../client/net/sentence.ts';

describe('what a student reads of a refusal', () => {
  it('is the sentence without the codes in front of it', () => {
    expect(sentence('Could not join match abc123: refused: wrong-code: That join code does not open a seat.')).toBe('That join code does not open a seat.');
    expect(sentence('kicked: The facilitator removed you from this seat.')).toBe('The facilitator removed you from this seat.');
    expect(sentence('replaced: you opened this seat again in another tab.')).toBe('You opened this seat again in another tab.');
    expect(sentence('unreachable for 120 s (last error: x)')).toBe('Unreachable for 120 s (last error: x)');
  });
  it('leaves a sentence that starts with a capital as it is', () => {
    expect(sentence('Too many messages: slow down.')).toBe('Too many messages: slow down.');
  });
});
