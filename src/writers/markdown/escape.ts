/**
 * Markdown escaping for untrusted text (resource names, messages) in GitHub-flavoured Markdown,
 * inside table cells and link texts. Characters with a meaning inline are backslash-escaped
 * (CommonMark allows a backslash before any ASCII punctuation): emphasis, code, links and images
 * ([ ]), raw HTML and autolinks (< >), entities (&), GFM table cells (|), strikethrough (~) and
 * GitHub math ($). Line breaks become spaces so that a value cannot end a table row.
 */
const SIGNIFICANT = /[\\`*_[\]<>|~&$]/g;
// eslint-disable-next-line no-control-regex
const BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

export function escapeMarkdown(text: string): string {
  return text.replace(BREAKS_AND_CONTROLS, ' ').replace(SIGNIFICANT, (c) => `\\${c}`);
}
