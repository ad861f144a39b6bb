/**
 * Names as the store keys them, so that an advisory and an installed package meet on the same
 * string: PyPI names per PEP 503, OS platforms as "<distro>:<release>" with Debian releases by
 * codename (the tracker uses codenames, OSV uses numbers, os-release may give either).
 */
import type { Ecosystem } from '../lib/versions/index.js';

/** PEP 503: runs of "-", "_" and "." are one "-", and case does not matter. */
export function normaliseName(scheme: Ecosystem, name: string): string {
  if (scheme === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
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

/** What os-release says about the scanned system (OperatingSystem in the model satisfies it). */
export interface DistroRelease {
  /** os-release ID: debian, alpine, ubuntu... */
  readonly id: string;
  readonly versionId?: string;
  readonly codename?: string;
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
  keys.add(`${id}:`); // rolling distributions (Wolfi, Chainguard) carry no release
  return [...keys];
}
