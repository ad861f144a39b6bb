/**
 * Package URLs (purl-spec, ECMA-427): pkg:type/namespace/name@version?qualifiers. Each component
 * is percent-encoded except the alphanumerics, `.-_~` and the colon (the spec forbids encoding a
 * colon anywhere: a Debian epoch is `@1:2.36-9`, not `@1%3A2.36-9`); qualifiers are sorted by key
 * and empty ones dropped, which makes the string canonical (and comparable across tools).
 */
import type { PackageEcosystem } from '../model/package.js';

const PURL_TYPE: Readonly<Record<PackageEcosystem, string>> = {
  deb: 'deb', apk: 'apk', rpm: 'rpm', npm: 'npm', pypi: 'pypi', golang: 'golang', maven: 'maven', gem: 'gem', cargo: 'cargo', composer: 'composer', nuget: 'nuget',
};

export function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replaceAll('%3A', ':');
}

export interface PurlParts {
  readonly type: PackageEcosystem;
  readonly namespace?: string;
  readonly name: string;
  readonly version?: string;
  readonly qualifiers?: Readonly<Record<string, string | undefined>>;
}

export function purl(parts: PurlParts): string {
  // Namespace segments are encoded one by one: '/' separates them.
  const namespace = parts.namespace === undefined || parts.namespace === '' ? '' : `${parts.namespace.split('/').filter((s) => s !== '').map(encodeComponent).join('/')}/`;
  const version = parts.version === undefined || parts.version === '' ? '' : `@${encodeComponent(parts.version)}`;
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key.toLowerCase()}=${encodeComponent(value)}`);
  return `pkg:${PURL_TYPE[parts.type]}/${namespace}${encodeComponent(parts.name)}${version}${qualifiers.length === 0 ? '' : `?${qualifiers.join('&')}`}`;
}

/** The distro qualifier as Trivy and Syft write it: ID-VERSION_ID (debian-12, alpine-3.19.1). */
export function distroQualifier(os: { id: string; versionId?: string } | undefined): string | undefined {
  if (os === undefined) return undefined;
  return os.versionId === undefined ? os.id : `${os.id}-${os.versionId}`;
}
