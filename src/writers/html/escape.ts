/**
 * The report carries attacker-controlled strings (a manifest may name a pod
 * `<img src=x onerror=alert(1)>`). Everything reaches the page through one of these two doors.
 */

import { visibleControlsButLayout } from '../../lib/visible-controls.js';

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in text content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Controls other than tab and newline are parse errors in HTML and show as nothing, so a hostile
  // name could hide part of itself: they are shown as \xNN.
  return visibleControlsButLayout(text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c));
}

/**
 * JSON for a <script type="application/json"> block: `<` (and `>`, `&`) as \u escapes, so no
 * string can close the script element or open a comment; JSON.parse reads them back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
