/**
 * The OSV package name of a package URL (https://github.com/package-url/purl-spec): Maven
 * "group:artifact", npm "@scope/name", Go "module/path". Only what naming needs is parsed.
 */
import type { Ecosystem } from '../../lib/versions/index.js';

export function purlName(purl: string, scheme: Ecosystem): string | undefined {
  if (!purl.startsWith('pkg:')) return undefined;
  // Strip subpath, qualifiers and version, in that order (the spec's parsing order).
  let rest = purl.slice(4);
  rest = rest.split('#', 1)[0] ?? '';
  rest = rest.split('?', 1)[0] ?? '';
  const at = rest.lastIndexOf('@');
  if (at > rest.indexOf('/')) rest = rest.slice(0, at);
  const segments = rest.split('/').filter((s) => s !== '');
  if (segments.length < 2) return undefined;
  let parts: string[];
  try {
    parts = segments.slice(1).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
  const name = parts[parts.length - 1] ?? '';
  const namespace = parts.slice(0, -1).join('/');
  if (namespace === '') return name;
  if (scheme === 'maven') return `${namespace}:${name}`;
  return `${namespace}/${name}`;
}
