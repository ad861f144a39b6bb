/**
 * Deb822-style records (dpkg status, also the shape of Python METADATA headers): "Field: value"
 * lines, continuation lines starting with a space or tab, records separated by blank lines.
 * Records are read one at a time from the text, never split into an array of all its lines: a
 * hostile database of 64 MiB (the image reader's buffering limit) would be millions of strings.
 */
export type Stanza = ReadonlyMap<string, string>;

/** The lines of a text without their line ends (LF or CRLF), one at a time. */
export function* linesOf(text: string): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    yield text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
  }
}

/**
 * The records of a text, one at a time. With `fields`, only those fields are kept (and their
 * continuation lines joined): a stanza of a million fields then costs no memory.
 */
export function* stanzas(text: string, fields?: ReadonlySet<string>): Generator<Stanza> {
  let current = new Map<string, string>();
  let started = false;
  let last: string | undefined;
  for (const line of linesOf(text)) {
    if (line.trim() === '') {
      if (started) yield current;
      current = new Map();
      started = false;
      last = undefined;
      continue;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && started) {
      // The continuation of a field left out is left out with it.
      if (last !== undefined) current.set(last, `${current.get(last) ?? ''}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon).trim();
    started = true;
    last = fields === undefined || fields.has(field) ? field : undefined;
    if (last !== undefined) current.set(last, line.slice(colon + 1).trim());
  }
  if (started) yield current;
}

/**
 * More values of one header than any real package metadata has (Classifier and Requires-Dist run
 * to a few hundred): a hostile METADATA of millions of repeats keeps only these.
 */
export const MAX_HEADER_VALUES = 1000;

/** Email-style headers up to the first blank line, keeping repeated fields (Classifier, License-File). */
export function parseHeaders(text: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const line of linesOf(text)) {
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== undefined) {
      last[last.length - 1] = `${last[last.length - 1] ?? ''}\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(key) ?? [];
    // Past the cap, the header's further values and their continuation lines are dropped.
    if (values.length === MAX_HEADER_VALUES) { last = undefined; continue; }
    values.push(line.slice(colon + 1).trim());
    headers.set(key, values);
    last = values;
  }
  return headers;
}
