/**
 * Report strings come from untrusted manifests: a resource name or a message may carry ANSI
 * escape sequences that would repaint or hijack the user's terminal. Every string the table
 * writer prints goes through `printable` first.
 */

// C0 controls (except none: even tab and newline would break the one-line layout), DEL and C1.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters shown as visible \xNN escapes, so nothing reaches the terminal raw. */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
