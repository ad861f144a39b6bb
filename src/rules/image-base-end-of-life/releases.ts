/**
 * When each release of the common base distributions stops getting security updates from its
 * vendor, as published on 2026-11 (dates are the last day of support):
 *  - Debian: end of LTS (https://wiki.debian.org/LTS), after which no Debian team patches it;
 *  - Ubuntu: end of standard support (https://ubuntu.com/about/release-cycle); ESM needs Ubuntu
 *    Pro, which a public base image does not have;
 *  - Alpine: end of the branch's security support (https://alpinelinux.org/releases/);
 *  - RHEL / UBI: end of maintenance support (https://access.redhat.com/support/policy/updates/errata);
 *  - CentOS Linux and CentOS Stream: end of life (https://www.centos.org/centos-linux-eol/).
 * Update the table when vendors publish new releases; a release missing from it is not judged.
 */

export interface Release {
  readonly distro: 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'centos';
  /** The version as os-release VERSION_ID reports it (Alpine: major.minor; RHEL, CentOS: major). */
  readonly version: string;
  /** Names image tags use for it (Debian and Ubuntu codenames). */
  readonly codename?: string;
  /** Last day of security support, YYYY-MM-DD. */
  readonly eol: string;
}

export const RELEASES: readonly Release[] = [
  { distro: 'debian', version: '7', codename: 'wheezy', eol: '2018-05-31' },
  { distro: 'debian', version: '8', codename: 'jessie', eol: '2020-06-30' },
  { distro: 'debian', version: '9', codename: 'stretch', eol: '2022-06-30' },
  { distro: 'debian', version: '10', codename: 'buster', eol: '2024-06-30' },
  { distro: 'debian', version: '11', codename: 'bullseye', eol: '2026-08-31' },
  { distro: 'debian', version: '12', codename: 'bookworm', eol: '2028-06-30' },
  { distro: 'debian', version: '13', codename: 'trixie', eol: '2030-06-30' },
  { distro: 'ubuntu', version: '14.04', codename: 'trusty', eol: '2019-04-30' },
  { distro: 'ubuntu', version: '16.04', codename: 'xenial', eol: '2021-04-30' },
  { distro: 'ubuntu', version: '18.04', codename: 'bionic', eol: '2023-05-31' },
  { distro: 'ubuntu', version: '20.04', codename: 'focal', eol: '2025-05-31' },
  { distro: 'ubuntu', version: '22.04', codename: 'jammy', eol: '2027-04-30' },
  { distro: 'ubuntu', version: '23.10', codename: 'mantic', eol: '2024-07-11' },
  { distro: 'ubuntu', version: '24.04', codename: 'noble', eol: '2029-04-30' },
  { distro: 'ubuntu', version: '24.10', codename: 'oracular', eol: '2025-07-10' },
  { distro: 'ubuntu', version: '25.04', codename: 'plucky', eol: '2026-01-31' },
  { distro: 'ubuntu', version: '25.10', codename: 'questing', eol: '2026-07-31' },
  { distro: 'ubuntu', version: '26.04', codename: 'resolute', eol: '2031-04-30' },
  { distro: 'alpine', version: '3.10', eol: '2021-05-01' },
  { distro: 'alpine', version: '3.11', eol: '2021-11-01' },
  { distro: 'alpine', version: '3.12', eol: '2022-05-01' },
  { distro: 'alpine', version: '3.13', eol: '2022-11-01' },
  { distro: 'alpine', version: '3.14', eol: '2023-05-01' },
  { distro: 'alpine', version: '3.15', eol: '2023-11-01' },
  { distro: 'alpine', version: '3.16', eol: '2024-05-23' },
  { distro: 'alpine', version: '3.17', eol: '2024-11-22' },
  { distro: 'alpine', version: '3.18', eol: '2025-05-09' },
  { distro: 'alpine', version: '3.19', eol: '2025-11-01' },
  { distro: 'alpine', version: '3.20', eol: '2026-04-01' },
  { distro: 'alpine', version: '3.21', eol: '2026-11-01' },
  { distro: 'alpine', version: '3.22', eol: '2027-05-01' },
  { distro: 'alpine', version: '3.23', eol: '2027-11-01' },
  { distro: 'rhel', version: '6', eol: '2020-11-30' },
  { distro: 'rhel', version: '7', eol: '2024-06-30' },
  { distro: 'rhel', version: '8', eol: '2029-05-31' },
  { distro: 'rhel', version: '9', eol: '2032-05-31' },
  { distro: 'rhel', version: '10', eol: '2035-05-31' },
  { distro: 'centos', version: '6', eol: '2020-11-30' },
  { distro: 'centos', version: '7', eol: '2024-06-30' },
  { distro: 'centos', version: '8', eol: '2021-12-31' },
];

/** os-release IDs of rebuilds that follow RHEL's life cycle. */
const RHEL_LIKE = new Set(['rhel', 'redhat', 'ubi']);

/** The release of an os-release ID and VERSION_ID (`alpine` `3.18.4` is 3.18; `rhel` `8.9` is 8). */
export function releaseOf(id: string, versionId: string): Release | undefined {
  const distro = RHEL_LIKE.has(id) ? 'rhel' : id;
  const parts = versionId.split('.');
  const version = distro === 'alpine' ? parts.slice(0, 2).join('.') : distro === 'rhel' || distro === 'centos' || distro === 'debian' ? (parts[0] ?? '') : versionId;
  return RELEASES.find((r) => r.distro === distro && r.version === version);
}

/**
 * The release a base image reference names: `debian:11`, `debian:bullseye-slim`, `ubuntu:20.04`,
 * `alpine:3.15`, `centos:7`, `redhat/ubi8`, and the distro in language images' tags
 * (`python:3.11-buster`, `node:18-alpine3.16`, `golang:1.20-bullseye`).
 */
export function releaseOfImage(reference: string): Release | undefined {
  const withoutDigest = reference.split('@')[0] ?? '';
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', slash + 1);
  const path = (colon < 0 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
  const name = path.slice(path.lastIndexOf('/') + 1);
  const tag = colon < 0 ? '' : withoutDigest.slice(colon + 1).toLowerCase();
  const ubi = /(?:^|\/)ubi(\d+)(?:[-/]|$)/.exec(path);
  if (ubi?.[1] !== undefined) return RELEASES.find((r) => r.distro === 'rhel' && r.version === ubi[1]);
  if (name === 'debian' || name === 'ubuntu' || name === 'centos') {
    const version = /^(\d+(?:\.\d+)?)/.exec(tag)?.[1];
    const codename = /^([a-z]+)/.exec(tag)?.[1];
    return RELEASES.find((r) => r.distro === name && ((version !== undefined && (r.version === version || r.version === version.split('.')[0] && name !== 'ubuntu')) || (codename !== undefined && r.codename === codename)));
  }
  if (name === 'alpine') {
    const version = /^(\d+\.\d+)/.exec(tag)?.[1];
    return RELEASES.find((r) => r.distro === 'alpine' && r.version === version);
  }
  // Language and tool images name their distro in the tag.
  const alpine = /alpine(\d+\.\d+)/.exec(tag)?.[1];
  if (alpine !== undefined) return RELEASES.find((r) => r.distro === 'alpine' && r.version === alpine);
  return RELEASES.find((r) => r.codename !== undefined && new RegExp(`(^|[-_.])${r.codename}($|[-_.])`).test(tag));
}
