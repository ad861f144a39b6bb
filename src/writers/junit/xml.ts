/** Just enough XML writing for JUnit: escaping that survives hostile text, and element helpers. */

/**
 * Characters XML 1.0 forbids outright (most C0 controls, lone surrogates, U+FFFE/U+FFFF): no
 * escape can carry them, so they are dropped.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function stripForbidden(text: string): string {
  return text.replace(FORBIDDEN, '');
}

// Anything escapeText or escapeAttribute would change: most strings have none, and skipping the
// replacements for them halves the writer's time on large reports.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Text content: & and < must be escaped, > too so that "]]>" can never appear. */
export function escapeText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return stripForbidden(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values (always double-quoted): tabs and newlines as references, or parsers fold them to spaces. */
export function escapeAttribute(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

export type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`)
    .join('');
}

/** An element on its own line(s); `children` are already-rendered lines, indented one level more. */
export function element(indent: string, name: string, attrs: Attributes, children: readonly string[] = []): string[] {
  if (children.length === 0) return [`${indent}<${name}${attributes(attrs)}/>`];
  return [`${indent}<${name}${attributes(attrs)}>`, ...children, `${indent}</${name}>`];
}

/** An element whose content is escaped text. */
export function textElement(indent: string, name: string, attrs: Attributes, text: string): string {
  return `${indent}<${name}${attributes(attrs)}>${escapeText(text)}</${name}>`;
}
