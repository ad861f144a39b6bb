/**
 * The operating system from os-release (freedesktop.org os-release(5)): /etc/os-release, falling
 * back to /usr/lib/os-release. Values may be quoted and use shell escapes.
 */
import type { OperatingSystem } from '../model/package.js';

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;

export function isOsReleasePath(path: string): boolean {
  return path === '/etc/os-release' || path === '/usr/lib/os-release';
}

export function parseOsRelease(text: string): OperatingSystem | undefined {
  const fields = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    fields.set(line.slice(0, eq), unquote(line.slice(eq + 1)));
  }
  const id = fields.get('ID');
  if (id === undefined || id === '') return undefined;
  const versionId = fields.get('VERSION_ID');
  const prettyName = fields.get('PRETTY_NAME');
  const codename = fields.get('VERSION_CODENAME');
  return {
    id: id.toLowerCase(),
    ...(versionId === undefined || versionId === '' ? {} : { versionId }),
    ...(prettyName === undefined ? {} : { prettyName }),
    ...(codename === undefined || codename === '' ? {} : { codename }),
  };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
  }
  return value;
}

/** /etc/os-release wins when both exist (os-release(5)). */
export function detectOs(read: (path: string) => Buffer | undefined): OperatingSystem | undefined {
  for (const path of OS_RELEASE_PATHS) {
    const content = read(path);
    if (content !== undefined) return parseOsRelease(content.toString('utf8'));
  }
  return undefined;
}
