/**
 * Turning a finding's `file` (as the user named it) into something a viewer can open. Not every
 * source is a file: `-` is stdin and `cluster:<context>` is a live cluster; those get no link.
 */
import { isAbsolute, relative, sep } from 'node:path';

export { isFileBacked } from '../../model/source.js';

/**
 * The path relative to `base` with forward slashes, or undefined when the file lies outside it
 * (a link out of the repository would point nowhere on GitHub).
 */
export function relativePath(file: string, base: string): string | undefined {
  const rel = isAbsolute(file) ? relative(base, file) : file;
  const slashed = rel.split(sep).join('/').replace(/\\/g, '/');
  const clean = slashed.replace(/^(\.\/)+/, '');
  if (clean === '' || clean === '..' || clean.startsWith('../') || isAbsolute(clean)) return undefined;
  return clean;
}

/**
 * A relative URI reference for a relative path: each segment percent-encoded, including the
 * characters encodeURIComponent leaves alone but Markdown link syntax treats specially: ( ) ' ! *.
 */
export function pathToUri(path: string): string {
  return path.split('/').map(uriSegment).join('/');
}

/** One path segment of a URI: a `/` inside it is encoded too. */
export function uriSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
