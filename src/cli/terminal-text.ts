/**
 * Text the CLI prints carries names from attacker-controlled manifests (a binding subject, a pod
 * name, a message quoting them). Kubernetes itself refuses control characters in names, but files
 * are not the API server: an escape sequence would repaint, retitle or hijack the user's terminal
 * (the kubectl CVE-2021-25743 class), and a newline would forge an output line. Control characters
 * are shown as visible \xNN escapes instead, as the table writer and problem lines do.
 */

// C0 controls, DEL and C1 (U+009B is a CSI to terminals that read UTF-8).
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function visible(c: string): string {
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** One line of output: every control character visible, newlines included. */
export function printableLine(text: string): string {
  return text.replace(CONTROLS, visible);
}

/**
 * A whole rendered output (many lines from a writer): control characters visible, except the
 * newlines and tabs that lay it out. No format Palisade writes holds other raw control characters
 * (JSON and YAML escape them), so only hostile values change.
 */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS_BUT_LAYOUT, visible);
}
