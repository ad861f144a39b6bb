import { describe, expect, it } from 'vitest';
import { jsonErrorMessage } from './json-error.js';

describe('jsonErrorMessage', () => {
  it('drops the excerpt of the input that V8 quotes, keeping what went wrong', () => {
    const parse = (text: string): unknown => {
      try {
        return JSON.parse(text);
      } catch (error) {
        return jsonErrorMessage(error);
      }
    };
    const message = parse('root:$y$j9T$secrethash:19000:0:99999:7:::\n');
    expect(message).toBe('Unexpected token \'r\' is not valid JSON');
    expect(message).not.toMatch(/secret|\$y\$/);
    expect(parse('{"a": 1,}')).not.toContain('"a"');
    // An error past the start: V8 quotes the text around it, after an ellipsis.
    const deep = parse('{"user": "admin", "password": hunter2secret}');
    expect(deep).toBe('Unexpected token \'h\' is not valid JSON');
    expect(deep).not.toContain('hunter2');
  });
});
