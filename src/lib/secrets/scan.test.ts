/** Where findSecrets places what it finds: lines and columns as editors and the YAML reader count them. */
import { describe, expect, it } from 'vitest';
import { body, HEX } from './families/fixtures/fake-values.js';
import { findSecrets } from './scan.js';

const KEY = `dop_v1_${body(64, HEX)}`;

describe('positions of found secrets', () => {
  it('counts LF, CR LF and a lone CR as line ends (one line index for manifests and image files)', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      const [found] = findSecrets(['first line', 'second', `  DIGITALOCEAN_TOKEN=${KEY}`].join(end));
      expect(found, JSON.stringify(end)).toMatchObject({ line: 3, column: 22 });
    }
  });
});
