/**
 * Output must not let a hostile name steer the terminal or the reader, and must stay parseable.
 */
import { describe, expect, it } from 'vitest';
import { visibleControls, visibleControlsButLayout, visibleControlsInJson } from '../../src/lib/visible-controls.js';

describe('hostile names in output', () => {
  it('shows bidirectional overrides and isolates, which reorder the text after them (Trojan Source)', () => {
    expect(visibleControls('Pod/ok\u202egol.exe')).toBe('Pod/ok\\u202egol.exe');
    expect(visibleControlsButLayout('a\u2066b\u2069\u200f\tc\n')).toBe('a\\u2066b\\u2069\\u200f\tc\n');
    // Ordinary right-to-left text is left alone: only the invisible formatting characters change.
    expect(visibleControls('שלום مرحبا')).toBe('שלום مرحبا');
  });

  it('keeps C0, DEL and C1 as \\xNN on a line', () => {
    expect(visibleControls('a\u001b]8;;x\u0007\u007f\u009b\n')).toBe('a\\x1b]8;;x\\x07\\x7f\\x9b\\x0a');
  });

  it('keeps a JSON output valid and its strings intact while no raw control reaches the terminal', () => {
    const name = 'a\u009b31m\u007fz\u202ey\u001b[2J';
    const text = JSON.stringify({ name, list: [name] }, null, 2);
    const shown = visibleControlsInJson(text);
    // eslint-disable-next-line no-control-regex
    expect(shown).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(shown)).toEqual({ name, list: [name] });
  });
});
