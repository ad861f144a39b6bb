/**
 * Names as the store keys them, so that an advisory and an installed package meet on the same
 * string: PyPI names per PEP 503, OS platforms as "<distro>:<release>" with Debian releases by
 * codename (the tracker uses codenames, OSV uses numbers, os-release may give either), and every
 * distribution under its os-release ID (OSV says "Rocky Linux", os-release says "rocky").
 */
import type { Ecosystem } from '../lib/versions/index.js';

/**
 * PyPI per PEP 503: runs of "-", "_" and "." are one "-", and case does not matter. NuGet ids are
 * case-insensitive (nuget.org compares them ignoring case, and deps.json keeps the author's
 * spelling while advisories may use another). Packagist names ("vendor/package") are too:
 * Composer compares them ignoring case and packagist.org lists them lower-cased.
 */
export function normaliseName(scheme: Ecosystem, name: string): string {
  if (scheme === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (scheme === 'nuget' || scheme === 'composer') return name.toLowerCase();
  return name;
}

/** Debian major version -> codename, for releases security data exists for. */
const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  '3': 'woody', '3.1': 'sarge', '4': 'etch', '5': 'lenny', '6': 'squeeze', '7': 'wheezy', '8': 'jessie',
  '9': 'stretch', '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie', '14': 'forky', '15': 'duke',
};

export function debianCodename(release: string): string {
  const r = release.trim().toLowerCase();
  const major = /^\d+/.exec(r)?.[0];
  if (r === '3.1') return 'sarge';
  return (major === undefined ? undefined : DEBIAN_CODENAMES[major]) ?? r;
}

/** "v3.19" for any of "3.19", "3.19.1", "v3.19". */
export function alpineBranch(release: string): string {
  const r = release.trim().toLowerCase();
  if (r === 'edge') return 'edge';
  const m = /^v?(\d+)\.(\d+)/.exec(r);
  return m === null ? r : `v${m[1] ?? ''}.${m[2] ?? ''}`;
}

/** The platform key of a distro release (see AffectedPackage.platform). */
export function platformKey(distro: string, release: string): string {
  const id = distro.trim().toLowerCase();
  if (id === 'debian') return `debian:${debianCodename(release)}`;
  if (id === 'alpine') return `alpine:${alpineBranch(release)}`;
  return `${id}:${release.trim().toLowerCase()}`;
}

/** os-release IDs of the distributions whose OSV ecosystem is named otherwise. */
const OS_RELEASE_ID_OF_OSV: Readonly<Record<string, string>> = { 'rocky linux': 'rocky', 'azure linux': 'azurelinux', 'photon os': 'photon' };

/** OSV ecosystems whose release is the product's marketing name, os-release PRETTY_NAME without the vendor. */
const MARKETING_NAME_VENDORS: Readonly<Record<string, string>> = { opensuse: 'openSUSE', suse: 'SUSE' };

/**
 * The platform key of an OSV operating-system ecosystem ("Debian:12", "Rocky Linux:9",
 * "Red Hat:enterprise_linux:9::appstream", "openSUSE:Leap 15.5"). Red Hat names product streams
 * by CPE: the main `enterprise_linux:<major>` stream is the rhel release; the EUS, AUS and other
 * streams keep a key of their own, because a container does not say which stream it follows.
 */
export function osvPlatformKey(ecosystem: string): string {
  const [vendor = '', ...rest] = ecosystem.split(':');
  const distro = vendor.trim().toLowerCase();
  if (distro === 'red hat') {
    const [product = '', version = ''] = rest;
    const major = /^\d+/.exec(version)?.[0];
    return product === 'enterprise_linux' && major !== undefined ? platformKey('rhel', major) : `red hat:${rest.join(':').toLowerCase()}`;
  }
  if (MARKETING_NAME_VENDORS[distro] !== undefined) return `${distro}:${rest.join(':').trim().toLowerCase()}`;
  return platformKey(OS_RELEASE_ID_OF_OSV[distro] ?? distro, rest[0] ?? '');
}

/** What os-release says about the scanned system (OperatingSystem in the model satisfies it). */
export interface DistroRelease {
  /** os-release ID: debian, alpine, ubuntu... */
  readonly id: string;
  readonly versionId?: string;
  readonly codename?: string;
  readonly prettyName?: string;
}

/** Platform keys under which advisories for this system are stored, most specific first. */
export function platformCandidates(os: DistroRelease): string[] {
  const id = os.id.trim().toLowerCase();
  const keys = new Set<string>();
  if (os.codename !== undefined && os.codename !== '') keys.add(platformKey(id, os.codename));
  if (os.versionId !== undefined && os.versionId !== '') {
    keys.add(platformKey(id, os.versionId));
    // Ubuntu OSV data says "22.04", os-release "22.04"; others sometimes only the major.
    const major = /^\d+/.exec(os.versionId)?.[0];
    if (major !== undefined) keys.add(platformKey(id, major));
  }
  // openSUSE and SUSE advisories name the product as PRETTY_NAME does, after the vendor.
  for (const [vendor, prefix] of Object.entries(MARKETING_NAME_VENDORS)) {
    const pretty = os.prettyName?.trim() ?? '';
    if ((id.startsWith('opensuse') || id.startsWith('sle')) && pretty.startsWith(`${prefix} `)) keys.add(`${vendor}:${pretty.slice(prefix.length + 1).toLowerCase()}`);
  }
  keys.add(`${id}:`); // rolling distributions (Wolfi, Chainguard) carry no release
  return [...keys];
}
