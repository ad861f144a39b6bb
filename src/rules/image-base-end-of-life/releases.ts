/**
 * When each release of the common base distributions stops getting security updates from its
 * vendor, as published on 2026-11 (dates are the last day of support; endoflife.date agrees up
 * to the day where vendors give only a month). The date is the end of the support a public base
 * image gets without a paid subscription:
 *  - Debian: end of LTS (https://wiki.debian.org/LTS), after which no Debian team patches it
 *    (Freexian's paid ELTS is not counted);
 *  - Ubuntu: end of standard support (https://ubuntu.com/about/release-cycle); ESM needs Ubuntu
 *    Pro, which a public base image does not have; interim releases get nine months;
 *  - Alpine: end of the branch's security support (https://alpinelinux.org/releases/);
 *  - RHEL / UBI: end of maintenance support (https://access.redhat.com/support/policy/updates/errata);
 *    the paid ELS add-on (RHEL 7 to 2028) is not counted;
 *  - CentOS Linux and CentOS Stream: end of life (https://www.centos.org/centos-linux-eol/,
 *    https://www.centos.org/stream9/); Stream reports os-release ID "centos" too, told apart by NAME;
 *  - Rocky Linux and AlmaLinux: end of life (https://wiki.rockylinux.org/rocky/version/,
 *    https://wiki.almalinux.org/release-notes/); they follow RHEL but AlmaLinux 8 ends earlier;
 *  - Amazon Linux: end of support (https://aws.amazon.com/amazon-linux-2/faqs/; AL2 was extended
 *    to 2026-06-30; https://docs.aws.amazon.com/linux/al2023/ug/release-cadence.html).
 * Update the table when vendors publish new releases; a release missing from it is not judged,
 * so every release an image can still be pulled with is listed, not only the recent ones.
 */

export type Distro = 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'centos' | 'centos-stream' | 'rocky' | 'almalinux' | 'amzn';

export interface Release {
  /** The os-release ID, except CentOS Stream, which shares "centos" with CentOS Linux. */
  readonly distro: Distro;
  /** The version as os-release VERSION_ID reports it (Alpine: major.minor; RHEL and rebuilds: major). */
  readonly version: string;
  /** Names image tags use for it (Debian and Ubuntu codenames). */
  readonly codename?: string;
  /** Last day of security support, YYYY-MM-DD. */
  readonly eol: string;
}

/** How messages name distributions whose os-release ID is not their name. */
export const DISTRO_NAMES: Readonly<Partial<Record<Distro, string>>> = {
  'centos-stream': 'CentOS Stream', rocky: 'Rocky Linux', almalinux: 'AlmaLinux', amzn: 'Amazon Linux',
};

export const RELEASES: readonly Release[] = [
  { distro: 'debian', version: '5', codename: 'lenny', eol: '2012-02-06' },
  { distro: 'debian', version: '6', codename: 'squeeze', eol: '2016-02-29' },
  { distro: 'debian', version: '7', codename: 'wheezy', eol: '2018-05-31' },
  { distro: 'debian', version: '8', codename: 'jessie', eol: '2020-06-30' },
  { distro: 'debian', version: '9', codename: 'stretch', eol: '2022-06-30' },
  { distro: 'debian', version: '10', codename: 'buster', eol: '2024-06-30' },
  { distro: 'debian', version: '11', codename: 'bullseye', eol: '2026-08-31' },
  { distro: 'debian', version: '12', codename: 'bookworm', eol: '2028-06-30' },
  { distro: 'debian', version: '13', codename: 'trixie', eol: '2030-06-30' },
  { distro: 'ubuntu', version: '12.04', codename: 'precise', eol: '2017-04-28' },
  { distro: 'ubuntu', version: '12.10', codename: 'quantal', eol: '2014-05-16' },
  { distro: 'ubuntu', version: '13.04', codename: 'raring', eol: '2014-01-27' },
  { distro: 'ubuntu', version: '13.10', codename: 'saucy', eol: '2014-07-17' },
  { distro: 'ubuntu', version: '14.04', codename: 'trusty', eol: '2019-04-30' },
  { distro: 'ubuntu', version: '14.10', codename: 'utopic', eol: '2015-07-23' },
  { distro: 'ubuntu', version: '15.04', codename: 'vivid', eol: '2016-02-04' },
  { distro: 'ubuntu', version: '15.10', codename: 'wily', eol: '2016-07-28' },
  { distro: 'ubuntu', version: '16.04', codename: 'xenial', eol: '2021-04-30' },
  { distro: 'ubuntu', version: '16.10', codename: 'yakkety', eol: '2017-07-20' },
  { distro: 'ubuntu', version: '17.04', codename: 'zesty', eol: '2018-01-13' },
  { distro: 'ubuntu', version: '17.10', codename: 'artful', eol: '2018-07-19' },
  { distro: 'ubuntu', version: '18.04', codename: 'bionic', eol: '2023-05-31' },
  { distro: 'ubuntu', version: '18.10', codename: 'cosmic', eol: '2019-07-18' },
  { distro: 'ubuntu', version: '19.04', codename: 'disco', eol: '2020-01-23' },
  { distro: 'ubuntu', version: '19.10', codename: 'eoan', eol: '2020-07-06' },
  { distro: 'ubuntu', version: '20.04', codename: 'focal', eol: '2025-05-31' },
  { distro: 'ubuntu', version: '20.10', codename: 'groovy', eol: '2021-07-22' },
  { distro: 'ubuntu', version: '21.04', codename: 'hirsute', eol: '2022-01-20' },
  { distro: 'ubuntu', version: '21.10', codename: 'impish', eol: '2022-07-14' },
  { distro: 'ubuntu', version: '22.04', codename: 'jammy', eol: '2027-04-30' },
  { distro: 'ubuntu', version: '22.10', codename: 'kinetic', eol: '2023-07-20' },
  { distro: 'ubuntu', version: '23.04', codename: 'lunar', eol: '2024-01-20' },
  { distro: 'ubuntu', version: '23.10', codename: 'mantic', eol: '2024-07-11' },
  { distro: 'ubuntu', version: '24.04', codename: 'noble', eol: '2029-04-30' },
  { distro: 'ubuntu', version: '24.10', codename: 'oracular', eol: '2025-07-10' },
  { distro: 'ubuntu', version: '25.04', codename: 'plucky', eol: '2026-01-31' },
  { distro: 'ubuntu', version: '25.10', codename: 'questing', eol: '2026-07-31' },
  { distro: 'ubuntu', version: '26.04', codename: 'resolute', eol: '2031-04-30' },
  { distro: 'alpine', version: '2.6', eol: '2015-05-01' },
  { distro: 'alpine', version: '2.7', eol: '2015-11-01' },
  { distro: 'alpine', version: '3.0', eol: '2016-05-01' },
  { distro: 'alpine', version: '3.1', eol: '2016-11-01' },
  { distro: 'alpine', version: '3.2', eol: '2017-05-01' },
  { distro: 'alpine', version: '3.3', eol: '2017-11-01' },
  { distro: 'alpine', version: '3.4', eol: '2018-05-01' },
  { distro: 'alpine', version: '3.5', eol: '2018-11-01' },
  { distro: 'alpine', version: '3.6', eol: '2019-05-01' },
  { distro: 'alpine', version: '3.7', eol: '2019-11-01' },
  { distro: 'alpine', version: '3.8', eol: '2020-05-01' },
  { distro: 'alpine', version: '3.9', eol: '2020-11-01' },
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
  { distro: 'rhel', version: '5', eol: '2017-03-31' },
  { distro: 'rhel', version: '6', eol: '2020-11-30' },
  { distro: 'rhel', version: '7', eol: '2024-06-30' },
  { distro: 'rhel', version: '8', eol: '2029-05-31' },
  { distro: 'rhel', version: '9', eol: '2032-05-31' },
  { distro: 'rhel', version: '10', eol: '2035-05-31' },
  { distro: 'centos', version: '5', eol: '2017-03-31' },
  { distro: 'centos', version: '6', eol: '2020-11-30' },
  { distro: 'centos', version: '7', eol: '2024-06-30' },
  { distro: 'centos', version: '8', eol: '2021-12-31' },
  { distro: 'centos-stream', version: '8', eol: '2024-05-31' },
  { distro: 'centos-stream', version: '9', eol: '2027-05-31' },
  { distro: 'centos-stream', version: '10', eol: '2030-01-01' },
  { distro: 'rocky', version: '8', eol: '2029-05-31' },
  { distro: 'rocky', version: '9', eol: '2032-05-31' },
  { distro: 'rocky', version: '10', eol: '2035-05-31' },
  { distro: 'almalinux', version: '8', eol: '2029-03-01' },
  { distro: 'almalinux', version: '9', eol: '2032-05-31' },
  { distro: 'almalinux', version: '10', eol: '2035-05-31' },
  { distro: 'amzn', version: '2018.03', eol: '2023-12-31' },
  { distro: 'amzn', version: '2', eol: '2026-06-30' },
  { distro: 'amzn', version: '2023', eol: '2029-06-30' },
];

/** os-release IDs of the RHEL products themselves (UBI reports "rhel"; older tools wrote "redhat"). */
const RHEL_IDS = new Set(['rhel', 'redhat', 'ubi']);

/** Distributions whose releases are named by their major version alone. */
const BY_MAJOR = new Set<string>(['debian', 'rhel', 'centos', 'centos-stream', 'rocky', 'almalinux']);

/**
 * The release of an os-release ID, VERSION_ID and NAME or PRETTY_NAME (`alpine` `3.18.4` is 3.18;
 * `rhel` `8.9` is 8; `centos` `9` named "CentOS Stream 9" is CentOS Stream 9).
 */
export function releaseOf(id: string, versionId: string, name?: string): Release | undefined {
  const distro = RHEL_IDS.has(id) ? 'rhel' : id === 'centos' && name?.startsWith('CentOS Stream') === true ? 'centos-stream' : id;
  return find(distro, versionOf(distro, versionId));
}

function versionOf(distro: string, versionId: string): string {
  const parts = versionId.split('.');
  if (distro === 'alpine') return parts.slice(0, 2).join('.');
  // The original Amazon Linux AMI is versioned by date (2017.09, 2018.03): one product, one end.
  if (distro === 'amzn') return /^201\d\.\d\d$/.test(versionId) ? '2018.03' : (parts[0] ?? '');
  return BY_MAJOR.has(distro) ? (parts[0] ?? '') : versionId;
}

function find(distro: string, version: string | undefined): Release | undefined {
  return version === undefined ? undefined : RELEASES.find((r) => r.distro === distro && r.version === version);
}

/**
 * The release a base image reference names: `debian:11`, `debian:bullseye-slim`, `ubuntu:20.04`,
 * `alpine:3.15`, `centos:7`, `quay.io/centos/centos:stream9`, `redhat/ubi8`, `rhel7`,
 * `amazonlinux:2`, `rockylinux:9`, `almalinux/8-minimal`, and the distro in language images' tags
 * (`python:3.11-buster`, `node:18-alpine3.16`, `golang:1.20-bullseye`).
 */
export function releaseOfImage(reference: string): Release | undefined {
  const withoutDigest = reference.split('@')[0] ?? '';
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', slash + 1);
  const path = (colon < 0 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
  const name = path.slice(path.lastIndexOf('/') + 1);
  const tag = colon < 0 ? '' : withoutDigest.slice(colon + 1).toLowerCase();
  const rhel = /(?:^|\/)(?:ubi|rhel)(\d+)(?:[-/]|$)/.exec(path);
  if (rhel?.[1] !== undefined) return find('rhel', rhel[1]);
  // AlmaLinux publishes its minimal and micro images as almalinux/8-minimal, almalinux/9-micro.
  const alma = /(?:^|\/)almalinux\/(\d+)-[a-z]+$/.exec(path);
  if (alma?.[1] !== undefined) return find('almalinux', alma[1]);
  if (name === 'centos' && tag.startsWith('stream')) return find('centos-stream', /^stream(\d+)/.exec(tag)?.[1]);
  if (name === 'debian' || name === 'ubuntu' || name === 'centos') {
    // Docker Hub tags CentOS both 7 and centos7 (centos7.9.2009).
    const version = /^(?:centos)?(\d+(?:\.\d+)?)/.exec(tag)?.[1];
    const codename = /^([a-z]+)/.exec(tag)?.[1];
    return RELEASES.find((r) => r.distro === name && ((version !== undefined && (r.version === version || r.version === version.split('.')[0] && name !== 'ubuntu')) || (codename !== undefined && r.codename === codename)));
  }
  if (name === 'alpine') return find('alpine', /^(\d+\.\d+)/.exec(tag)?.[1]);
  const vendor = VENDOR_IMAGES[name];
  if (vendor !== undefined) {
    const version = /^\d+(?:\.\d+)?/.exec(tag)?.[0];
    return version === undefined ? undefined : find(vendor, versionOf(vendor, version));
  }
  // Language and tool images name their distro in the tag.
  const alpine = /alpine(\d+\.\d+)/.exec(tag)?.[1];
  if (alpine !== undefined) return find('alpine', alpine);
  // Vendor and distroless images name distro and release together, in the name or the tag.
  for (const [pattern, distro] of DISTRO_WITH_RELEASE) {
    const version = pattern.exec(`${name}:${tag}`)?.[1];
    if (version !== undefined) return find(distro, version);
  }
  return RELEASES.find((r) => r.codename !== undefined && new RegExp(`(^|[-_.])${r.codename}($|[-_.])`).test(tag));
}

/**
 * A distro and its release as one word between separators: gcr.io/distroless/static-debian12,
 * nvidia/cuda:12.2.0-base-ubuntu22.04 (also -centos7, -ubi8, -rockylinux9), and the Amazon Linux
 * of AWS Lambda base images (public.ecr.aws/lambda/provided:al2023).
 */
const DISTRO_WITH_RELEASE: readonly (readonly [RegExp, Distro])[] = [
  [/(?:^|[-_.:])debian(\d+)(?=$|[-_.:])/, 'debian'],
  [/(?:^|[-_.:])ubuntu(\d\d\.\d\d)(?=$|[-_.:])/, 'ubuntu'],
  [/(?:^|[-_.:])centos(\d+)(?=$|[-_.:])/, 'centos'],
  [/(?:^|[-_.:])(?:ubi|rhel)(\d+)(?=$|[-_.:])/, 'rhel'],
  [/(?:^|[-_.:])rocky(?:linux)?(\d+)(?=$|[-_.:])/, 'rocky'],
  [/(?:^|[-_.:])almalinux(\d+)(?=$|[-_.:])/, 'almalinux'],
  [/(?:^|[-_.:])(?:amazonlinux|al)(2023|2)(?=$|[-_.:])/, 'amzn'],
];

/** Official images named otherwise than their os-release ID, whose tag starts with the version. */
const VENDOR_IMAGES: Readonly<Record<string, Distro>> = { amazonlinux: 'amzn', rockylinux: 'rocky', almalinux: 'almalinux' };
