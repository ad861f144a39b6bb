/**
 * Which version scheme an ecosystem name means. Accepts Palisade's short names, package-URL types
 * and OSV ecosystem names with their release suffixes ("Debian:12", "Alpine:v3.19",
 * "Ubuntu:22.04:LTS", "Red Hat:enterprise_linux:9::appstream").
 */
import { UnsupportedEcosystemError } from './errors.js';

export const ECOSYSTEMS = ['apk', 'cargo', 'composer', 'deb', 'gem', 'go', 'maven', 'npm', 'nuget', 'pypi', 'rpm'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

/** Lower-cased names (the part before the first ":") -> scheme. */
const ALIASES: Readonly<Record<string, Ecosystem>> = {
  // dpkg
  deb: 'deb', debian: 'deb', ubuntu: 'deb', dpkg: 'deb',
  // apk-tools
  apk: 'apk', alpine: 'apk', wolfi: 'apk', chainguard: 'apk', minimos: 'apk', alpaquita: 'apk', 'bellsoft hardened containers': 'apk',
  // rpm
  rpm: 'rpm', 'red hat': 'rpm', redhat: 'rpm', rhel: 'rpm', almalinux: 'rpm', 'rocky linux': 'rpm', rocky: 'rpm',
  opensuse: 'rpm', suse: 'rpm', mageia: 'rpm', 'photon os': 'rpm', openeuler: 'rpm', 'azure linux': 'rpm',
  mariner: 'rpm', centos: 'rpm', fedora: 'rpm', 'oracle linux': 'rpm', 'amazon linux': 'rpm',
  // language ecosystems (OSV names and purl types)
  npm: 'npm', pypi: 'pypi', pip: 'pypi', python: 'pypi', maven: 'maven', go: 'go', golang: 'go',
  rubygems: 'gem', gem: 'gem', ruby: 'gem', 'crates.io': 'cargo', cargo: 'cargo', rust: 'cargo',
  nuget: 'nuget', packagist: 'composer', composer: 'composer',
};

/** The scheme for `name`, or UnsupportedEcosystemError. */
export function resolveEcosystem(name: string): Ecosystem {
  const scheme = ecosystemOf(name);
  if (scheme === undefined) throw new UnsupportedEcosystemError(name);
  return scheme;
}

/** The scheme for `name`, or undefined when Palisade does not compare that ecosystem's versions. */
export function ecosystemOf(name: string): Ecosystem | undefined {
  const base = name.split(':', 1)[0]?.trim().toLowerCase() ?? '';
  return Object.hasOwn(ALIASES, base) ? ALIASES[base] : undefined;
}
