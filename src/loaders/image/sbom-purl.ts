/**
 * Package URLs as SBOMs write them (purl-spec), read into what an inventory needs: the ecosystem,
 * name, version (an rpm epoch qualifier included), architecture and, from Syft's `upstream`
 * qualifier, the source package. Everything here is untrusted input: a malformed escape is a purl
 * that does not parse, never an exception.
 */
import type { Package, PackageEcosystem } from '../../model/package.js';
import { parseSourceRpm } from '../../analyzers/rpm/package-info.js';
import { encodeComponent } from '../../analyzers/purl.js';

export const ECOSYSTEMS: readonly PackageEcosystem[] = ['deb', 'apk', 'rpm', 'npm', 'pypi', 'golang', 'maven', 'gem', 'cargo', 'composer', 'nuget'];

/**
 * Syft names a package's source in an `upstream` purl qualifier: for Debian and Alpine NAME or
 * NAME@VERSION (without a version the source is taken at the binary's, what matching assumes of an
 * empty source version); for RPM the source rpm's file name, which carries no epoch: the binary's
 * is the source's, as the rpm analyzer reads it.
 */
export function upstreamOf(parsed: Pick<Package, 'ecosystem' | 'version'>, purl: string): Package['source'] {
  const upstream = qualifier(purl, 'upstream');
  if (upstream === undefined) return undefined;
  if (parsed.ecosystem === 'rpm') {
    const srpm = parseSourceRpm(upstream);
    const epoch = /^\d+:/.exec(parsed.version)?.[0] ?? '';
    return srpm === undefined ? undefined : { name: srpm.name, version: `${epoch}${srpm.version}-${srpm.release}` };
  }
  if (parsed.ecosystem !== 'deb' && parsed.ecosystem !== 'apk') return undefined;
  const at = upstream.indexOf('@');
  return at === -1 ? { name: upstream, version: '' } : { name: upstream.slice(0, at), version: upstream.slice(at + 1) };
}

export function qualifier(purl: string, key: string): string | undefined {
  const value = purlQualifiers(/\?([^#]*)/.exec(purl)?.[1] ?? '').get(key);
  return value === '' ? undefined : value;
}

/**
 * A purl's qualifiers as purl-spec decodes them: keys lower-cased, values percent-decoded with '+'
 * kept as '+'. (URLSearchParams reads '+' as a space, turning Syft's upstream=gmp@6.2.1+dfsg1-1.1
 * into a source version "6.2.1 dfsg1-1.1" that no advisory names.) A value with a malformed escape
 * is left out; the first of repeated keys counts.
 */
function purlQualifiers(query: string): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=');
    if (equals <= 0) continue;
    const key = pair.slice(0, equals).toLowerCase();
    const value = decode(pair.slice(equals + 1));
    if (value !== undefined && !map.has(key)) map.set(key, value);
  }
  return map;
}

/**
 * The package's name: the purl's, except where the purl writer normalised it. A pypi purl name is
 * lower-cased with '_' and '.' folded to '-' (PyYAML is pkg:pypi/pyyaml), and Trivy lower-cases Go
 * module paths (github.com/Azure/go-ntlmssp is pkg:golang/github.com/azure/go-ntlmssp, which no Go
 * advisory names: module paths are case-sensitive) and npm names (the registry still serves
 * JSONStream under its capitals). So the name the component or package records
 * (Palisade, Syft and Trivy write the real one) is kept when it normalises to the purl's; any other
 * name is not the purl's package and is ignored.
 */
export function displayName(parsed: Pick<Package, 'name' | 'ecosystem'>, recorded: string | undefined): string {
  if (recorded === undefined) return parsed.name;
  if (parsed.ecosystem === 'pypi') return recorded.toLowerCase().replace(/[-_.]+/g, '-') === parsed.name.toLowerCase().replace(/[-_.]+/g, '-') ? recorded : parsed.name;
  if (parsed.ecosystem === 'golang' || parsed.ecosystem === 'npm') return recorded.toLowerCase() === parsed.name.toLowerCase() ? recorded : parsed.name;
  return parsed.name;
}

/**
 * pkg:TYPE/[NAMESPACE/]NAME@VERSION[?qualifiers][#subpath] for the ecosystems Palisade knows, with
 * the purl in canonical form (`purl`): written as Palisade's analyzers write theirs, so the same
 * package from Syft (qualifiers in its own order, an unencoded npm scope), Trivy or an image scan
 * has one purl. `pkg://` and empty segments are read as purl-spec asks parsers to.
 */
export function parsePurl(purl: string): Pick<Package, 'name' | 'version' | 'ecosystem' | 'arch' | 'purl'> | undefined {
  // The version follows the last "@" (purl spec): an npm scope may be written unencoded (@angular/core).
  const match = /^pkg:\/*([a-zA-Z][a-zA-Z0-9.+-]*)\/([^?#]+)@([^?#@]+)(?:\?([^#]*))?(?:#(.*))?$/.exec(purl);
  if (match === null) return undefined;
  const type = (match[1] ?? '').toLowerCase();
  const ecosystem = ECOSYSTEMS.find((e) => e === type);
  if (ecosystem === undefined) return undefined;
  const decoded = (match[2] ?? '').split('/').filter((s) => s !== '').map(decode);
  const version = decode(match[3] ?? '');
  if (decoded.includes(undefined) || version === undefined) return undefined;
  const segments = decoded.filter((s): s is string => s !== undefined);
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  const namespace = segments.slice(0, -1);
  // npm and composer names include their namespace (@scope/name, vendor/name); OS packages do not.
  const name = (ecosystem === 'npm' || ecosystem === 'composer' || ecosystem === 'golang' || ecosystem === 'maven') && namespace.length > 0
    ? `${namespace.join(ecosystem === 'maven' ? ':' : '/')}${ecosystem === 'maven' ? ':' : '/'}${last}`
    : last;
  const qualifiers = purlQualifiers(match[4] ?? '');
  const arch = qualifiers.get('arch');
  // An rpm purl carries the epoch as a qualifier (purl spec): without it 1:2.0-1 would read as the
  // older 2.0-1 and match advisories the package is past.
  const epoch = qualifiers.get('epoch');
  const full = epoch !== undefined && /^\d+$/.test(epoch) && !version.includes(':') ? `${epoch}:${version}` : version;
  const canonical = canonicalPurl(type, segments, version, qualifiers, match[5]);
  return { name, version: full, ecosystem, purl: canonical, ...(arch === undefined ? {} : { arch }) };
}

/**
 * purl-spec's canonical form: each part percent-encoded (as encodeComponent does for the analyzers),
 * qualifiers sorted by key with empty ones dropped, the subpath without empty, '.' and '..'
 * segments. Case is left as written: lower-casing a name is the writer's business per type.
 */
function canonicalPurl(type: string, segments: readonly string[], version: string, qualifiers: ReadonlyMap<string, string>, subpath: string | undefined): string {
  const query = [...qualifiers].filter(([, value]) => value !== '').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => `${key}=${encodeComponent(value)}`);
  const sub = (subpath ?? '').split('/').filter((s) => s !== '' && s !== '.' && s !== '..').map((s) => decode(s) ?? s).map(encodeComponent);
  return `pkg:${type}/${segments.map(encodeComponent).join('/')}@${encodeComponent(version)}${query.length === 0 ? '' : `?${query.join('&')}`}${sub.length === 0 ? '' : `#${sub.join('/')}`}`;
}

/** A percent-encoded purl component; undefined for a malformed escape (an SBOM is untrusted input). */
export function decode(component: string): string | undefined {
  try {
    return decodeURIComponent(component);
  } catch {
    return undefined;
  }
}
