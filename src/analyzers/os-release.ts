/**
 * The operating system of an image: from os-release (freedesktop.org os-release(5)):
 * /etc/os-release, falling back to /usr/lib/os-release; values may be quoted and use shell
 * escapes. Images older than os-release (CentOS and RHEL 6, Debian 6, Ubuntu before 12.04) or
 * whose build deleted it still name their distribution in its own release file, which Trivy and
 * Syft read then: see RELEASE_FILES.
 */
import type { OperatingSystem } from '../model/package.js';

export const OS_RELEASE_PATHS = ['/etc/os-release', '/usr/lib/os-release'] as const;

interface ReleaseFile {
  readonly path: string;
  readonly parse: (text: string) => OperatingSystem | undefined;
}

/**
 * Read in this order when no os-release names the OS. Ubuntu also has a debian_version (naming
 * the Debian testing it forked from) and Oracle Linux a Red Hat redhat-release, so their own
 * files come first.
 */
const RELEASE_FILES: readonly ReleaseFile[] = [
  { path: '/etc/lsb-release', parse: parseUbuntuLsbRelease },
  { path: '/etc/debian_version', parse: parseDebianVersion },
  { path: '/etc/alpine-release', parse: (text) => versionOnly('alpine', text) },
  { path: '/etc/oracle-release', parse: parseRedHatRelease },
  { path: '/etc/centos-release', parse: parseRedHatRelease },
  { path: '/etc/redhat-release', parse: parseRedHatRelease },
  { path: '/etc/system-release', parse: parseRedHatRelease },
];

const OS_PATHS: ReadonlySet<string> = new Set([...OS_RELEASE_PATHS, ...RELEASE_FILES.map((f) => f.path)]);

/** The files OS detection reads: the image reader keeps them whole. */
export function isOsReleasePath(path: string): boolean {
  return OS_PATHS.has(path);
}

export function parseOsRelease(text: string): OperatingSystem | undefined {
  const fields = shellAssignments(text);
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

/** KEY=value lines, as os-release and lsb-release write them. */
function shellAssignments(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    fields.set(line.slice(0, eq), unquote(line.slice(eq + 1)));
  }
  return fields;
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
  }
  return value;
}

/**
 * /etc/os-release wins when both exist (os-release(5)); an os-release without an ID says nothing,
 * and then, as when there is none, the distribution's release file is read.
 */
export function detectOs(read: (path: string) => Buffer | undefined): OperatingSystem | undefined {
  for (const path of OS_RELEASE_PATHS) {
    const content = read(path);
    if (content === undefined) continue;
    const os = parseOsRelease(content.subarray(0, MAX_OS_RELEASE_BYTES).toString('utf8'));
    if (os !== undefined) return os;
    break;
  }
  for (const { path, parse } of RELEASE_FILES) {
    const content = read(path);
    const os = content === undefined ? undefined : parse(firstLines(content));
    if (os !== undefined) return os;
  }
  return undefined;
}

/**
 * Real os-release files are under 1 KiB; the image reader buffers a file up to 64 MiB, and
 * splitting that into lines and fields would take over 600 MB. A field past this is not read.
 */
const MAX_OS_RELEASE_BYTES = 64 * 1024;

/** Release files are a line or a few; a hostile one is not read past its first KiB. */
function firstLines(content: Buffer): string {
  return content.subarray(0, 1024).toString('utf8');
}

/** Ubuntu's lsb-release (DISTRIB_ID=Ubuntu); other distributions' are not read. */
function parseUbuntuLsbRelease(text: string): OperatingSystem | undefined {
  const fields = shellAssignments(text);
  const release = fields.get('DISTRIB_RELEASE');
  if (fields.get('DISTRIB_ID')?.toLowerCase() !== 'ubuntu' || release === undefined || release === '') return undefined;
  const codename = fields.get('DISTRIB_CODENAME');
  const description = fields.get('DISTRIB_DESCRIPTION');
  return {
    id: 'ubuntu', versionId: release,
    ...(codename === undefined || codename === '' ? {} : { codename }),
    ...(description === undefined || description === '' ? {} : { prettyName: description }),
  };
}

/**
 * "12.5" is Debian 12 (os-release VERSION_ID is the major alone; 6.0.10 is 6); testing and sid
 * write "trixie/sid", the codename of the next release, as their os-release does.
 */
function parseDebianVersion(text: string): OperatingSystem | undefined {
  const value = text.trim();
  const major = /^(\d+)(?:\.\d+)*$/.exec(value)?.[1];
  if (major !== undefined) return { id: 'debian', versionId: major };
  const codename = /^([a-z]+)\/sid$/.exec(value)?.[1];
  return codename === undefined ? undefined : { id: 'debian', codename };
}

function versionOnly(id: string, text: string): OperatingSystem | undefined {
  const value = text.trim();
  return /^\d+(?:\.\d+)*(?:_[a-z0-9]+)?$/.test(value) ? { id, versionId: value } : undefined;
}

/** The os-release IDs of the distributions named in redhat-release style files, longest name first where one prefixes another. */
const RED_HAT_FAMILY: readonly (readonly [string, string])[] = [
  ['Red Hat Enterprise Linux', 'rhel'], ['CentOS', 'centos'], ['Oracle Linux', 'ol'], ['Rocky Linux', 'rocky'],
  ['AlmaLinux', 'almalinux'], ['Fedora', 'fedora'], ['Amazon Linux', 'amzn'],
];

/** "CentOS release 6.10 (Final)", "Red Hat Enterprise Linux Server release 6.10 (Santiago)", "Amazon Linux AMI release 2018.03". */
function parseRedHatRelease(text: string): OperatingSystem | undefined {
  const line = text.split(/\r?\n/)[0]?.trim() ?? '';
  const family = RED_HAT_FAMILY.find(([name]) => line.startsWith(name));
  const versionId = /\brelease (\d+(?:\.\d+)*)/.exec(line)?.[1];
  if (family === undefined || versionId === undefined) return undefined;
  return { id: family[1], versionId, prettyName: line };
}
