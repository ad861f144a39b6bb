/**
 * Normalising tar entry names. Runtimes clean each name relative to the image root, so `./a//b/`
 * and `/a/b` both mean /a/b. A `..` component has no legitimate use in a layer (no image builder
 * writes one) and is how extraction-based tools are tricked into writing outside their target, so
 * it is refused rather than cleaned.
 */
import { ImageError } from './problems.js';

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';

/** Names already in the form `a/b/c` or `a/b/c/` (most layers'): no empty, `.` or `..` component. */
const PLAIN_NAME = /^(?:[^/]+\/)*[^/]+\/?$/;
const DOT_COMPONENT = /(?:^|\/)\.\.?(?:\/|$)/;

/**
 * `/`-rooted, no empty, `.` or trailing components; undefined for the root itself. `where` names
 * the entry in messages; it is a function so that the text is only built for an error.
 */
export function normalizeEntryPath(raw: string, maxLength: number, where: () => string): string | undefined {
  if (raw.length > maxLength) throw new ImageError('layer-hostile', `${where()}: entry name of ${raw.length} characters exceeds the limit of ${maxLength}`);
  if (raw.includes('\0')) throw new ImageError('layer-hostile', `${where()}: entry name contains a NUL byte`);
  // The common case without splitting and joining (once per entry of every layer).
  if (PLAIN_NAME.test(raw) && !DOT_COMPONENT.test(raw)) return `/${raw.endsWith('/') ? raw.slice(0, -1) : raw}`;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new ImageError('layer-hostile', `${where()}: entry "${printable(raw)}" climbs out of its directory with ".." (path traversal)`);
    parts.push(part);
  }
  return parts.length === 0 ? undefined : `/${parts.join('/')}`;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Entry names come from the image: keep control characters out of messages and terminals. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return cleaned.length > 200 ? `${cleaned.slice(0, 200)}…` : cleaned;
}
