/**
 * Text shown to people carries names from attacker-controlled manifests and images (a resource
 * name, a file name, a message quoting them). Kubernetes refuses control characters in names, but
 * files are not the API server: an escape sequence would repaint, retitle or hijack a terminal (the
 * kubectl CVE-2021-25743 class), a newline would forge an output line, and in HTML a control
 * character shows as nothing and hides part of a name. Control characters are shown as visible
 * \xNN escapes instead: C0, DEL and C1 (U+009B is a CSI to terminals that read UTF-8).
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function visible(c: string): string {
  return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/** One line: every control character visible, tabs and newlines included. */
export function visibleControls(text: string): string {
  return text.replace(CONTROLS, visible);
}

/**
 * Many lines (a rendered output, a page): control characters visible except the newlines and tabs
 * that lay the text out. No format Palisade writes holds other raw control characters (JSON and
 * YAML escape them), so only hostile values change.
 */
export function visibleControlsButLayout(text: string): string {
  return text.replace(CONTROLS_BUT_LAYOUT, visible);
}
