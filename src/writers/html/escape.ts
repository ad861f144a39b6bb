/**
 * The report carries attacker-controlled strings (a manifest may name a pod
 * `<img src=x onerror=alert(1)>`). Everything reaches the page through one of these two doors.
 */

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Controls other than tab and newline are parse errors in HTML and show as nothing, so a hostile
// name could hide part of itself; they are shown as \xNN, as the table writer shows them.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Safe in text content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c)
    .replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
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
