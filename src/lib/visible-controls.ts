/**
 * Text shown to people carries names from attacker-controlled manifests and images (a resource
 * name, a file name, a message quoting them). Kubernetes refuses control characters in names, but
 * files are not the API server: an escape sequence would repaint, retitle or hijack a terminal (the
 * kubectl CVE-2021-25743 class), a newline would forge an output line, and in HTML a control
 * character shows as nothing and hides part of a name. Control characters are shown as visible
 * \xNN escapes instead: C0, DEL and C1 (U+009B is a CSI to terminals that read UTF-8).
 *
 * Bidirectional formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE and its kin, the "Trojan
 * Source" class, CVE-2021-42574) are shown too, as \uNNNN: invisible themselves, they reorder the
 * text after them, so `Pod/ok\u202egol.exe` reads as another name than the one it is.
 */

/** The bidirectional formatting characters: ALM, LRM, RLM, the embeddings and overrides, the isolates. */
const BIDI = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
const CONTROLS = new RegExp(`[\\u0000-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');
const CONTROLS_BUT_LAYOUT = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f${BIDI}]`, 'g');

function visible(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : unicodeEscape(c);
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
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

/**
 * A JSON text: JSON.stringify escapes C0 but leaves DEL, C1 and the bidirectional characters raw,
 * and `\x9b` is no JSON escape (the output would no longer parse). They are written as `\u009b`,
 * which a terminal shows as text and a JSON reader turns back into the very same string.
 */
export function visibleControlsInJson(text: string): string {
  return text.replace(CONTROLS_BUT_LAYOUT, unicodeEscape);
}

/** The escaping an output format needs: JSON formats (`json`, `palisade-json`) their own, as above. */
export function visibleControlsFor(format: string): (text: string) => string {
  return format.endsWith('json') ? visibleControlsInJson : visibleControlsButLayout;
}
