import { expect, it } from 'vitest';
import { dotString } from './dot.js';

it('quotes names from manifests so that no quote, backslash or line break ends the DOT string', () => {
  expect(dotString('shop/web[Deployment]')).toBe('"shop/web[Deployment]"');
  expect(dotString('we"b')).toBe('"we\\"b"');
  expect(dotString('trailing\\')).toBe('"trailing\\\\"');
  expect(dotString('two\nlines\u001b[31m')).toBe('"two lines [31m"');
});
