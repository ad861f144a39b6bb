/**
 * What the matcher needs to know about an installed package. The model's Package satisfies it, and
 * so does anything that can say ecosystem, name and version (an SBOM component, a test row).
 */
import { type Ecosystem, ecosystemOf } from '../../lib/versions/index.js';
import { normaliseName } from '../names.js';
import { purlName } from './purl-name.js';

export interface MatchablePackage {
  /** Palisade's ecosystem (deb, npm, golang...), a purl type or an OSV ecosystem name. */
  readonly ecosystem: string;
  readonly name: string;
  readonly version: string;
  /** When present, the language-package name is taken from it (Maven group:artifact, npm @scope/name). */
  readonly purl?: string;
  /** The source package an OS package was built from; distro advisories are keyed by it. */
  readonly source?: { readonly name: string; readonly version: string };
  /** The file the package was read from, and the layer that added it: carried into the evidence. */
  readonly file?: string;
  readonly layer?: string;
}

const OS_SCHEMES: readonly Ecosystem[] = ['deb', 'apk', 'rpm'];

/** One (name, version) under which the package is looked up. */
export interface LookupKey {
  readonly scheme: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly by: 'package' | 'source-package';
  readonly os: boolean;
}

/**
 * A crate not taken from crates.io (a workspace, git or alternative-registry crate) is not the
 * crates.io crate of its name: its purl says where it came from in a `source` qualifier
 * (analyzers/cargo/source.ts), and no crates.io advisory is about it.
 */
export function isOffCratesIo(pkg: MatchablePackage): boolean {
  return pkg.purl !== undefined && /^pkg:cargo\/[^?#]*\?(?:[^#]*&)?source=/.test(pkg.purl);
}

export function lookupKeys(pkg: MatchablePackage): LookupKey[] {
  if (isOffCratesIo(pkg)) return [];
  const scheme = ecosystemOf(pkg.ecosystem);
  if (scheme === undefined) return [];
  if (!OS_SCHEMES.includes(scheme)) {
    return [{ scheme, name: normaliseName(scheme, languageName(pkg, scheme)), version: pkg.version, by: 'package', os: false }];
  }
  // Debian and Alpine feeds (and OSV's distro records) name source packages at source versions;
  // a binary rebuilt without source change ("+b1") still carries its source version.
  const source = pkg.source;
  if (source === undefined || (source.name === pkg.name && source.version === pkg.version)) {
    return [{ scheme, name: pkg.name, version: pkg.version, by: 'package', os: true }];
  }
  const keys: LookupKey[] = [{ scheme, name: source.name, version: source.version === '' ? pkg.version : source.version, by: 'source-package', os: true }];
  // RPM feeds (AlmaLinux, Rocky, openSUSE in OSV) name binary packages.
  if (scheme === 'rpm' && source.name !== pkg.name) keys.push({ scheme, name: pkg.name, version: pkg.version, by: 'package', os: true });
  return keys;
}

/**
 * The advisory name of a language package: the purl's, which has what the name alone may lack
 * (Maven's group, npm's scope), unless it differs from the package's name only in case. Trivy,
 * following an older purl-spec rule, lower-cases golang, npm and PyPI purls and keeps the real
 * name next to them (github.com/Azure/go-ntlmssp, JSONStream); advisories use the real one, which
 * Go and npm compare exactly.
 */
function languageName(pkg: MatchablePackage, scheme: Ecosystem): string {
  const fromPurl = pkg.purl === undefined ? undefined : purlName(pkg.purl, scheme);
  if (fromPurl === undefined) return pkg.name;
  return fromPurl !== pkg.name && fromPurl.toLowerCase() === pkg.name.toLowerCase() ? pkg.name : fromPurl;
}
