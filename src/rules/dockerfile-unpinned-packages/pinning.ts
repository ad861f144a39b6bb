/**
 * What a pinned package looks like to each package manager, and which of an install command's
 * words are packages (not options, option values, local files or directories).
 */
import type { ManagerCommand } from '../_dockerfile/package-managers.js';

interface PinSpec {
  /** Options that take the next word as their value. */
  readonly withValue: readonly string[];
  /** Words that are files or paths rather than package names. */
  readonly local: (word: string) => boolean;
  readonly pinned: (word: string) => boolean;
  /** Only the first operand is a package (`go run PKG args...`). */
  readonly firstOnly?: boolean;
  /** Options whose presence pins everything (`gem install x -v 1.2`) or hands packages to a file (`pip -r`). */
  readonly settles?: readonly string[];
  /** Unknown long options take the next word as their value (gem's build flags). */
  readonly unknownTakesValue?: boolean;
}

const PATHLIKE = (word: string): boolean => /^(\.|\/|~)/.test(word);

const SPECS: Readonly<Record<string, PinSpec>> = {
  'apt-get': { withValue: ['-o', '-t', '-c', '--target-release'], local: (w) => PATHLIKE(w) || w.endsWith('.deb'), pinned: (w) => w.includes('=') },
  apt: { withValue: ['-o', '-t', '-c', '--target-release'], local: (w) => PATHLIKE(w) || w.endsWith('.deb'), pinned: (w) => w.includes('=') },
  apk: {
    withValue: ['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir'],
    local: (w) => PATHLIKE(w) || w.endsWith('.apk'), pinned: (w) => /[=~<>]/.test(w),
  },
  pip: {
    settles: ['-c', '--constraint'],
    withValue: ['--python', '-r', '--requirement', '-e', '--editable', '-t', '--target', '--prefix', '--root', '-i', '--index-url', '--extra-index-url', '--trusted-host', '-f', '--find-links', '--root-user-action', '--platform', '--python-version', '--implementation', '--abi', '--src', '--upgrade-strategy', '--progress-bar', '--log', '--proxy', '--retries', '--timeout', '--cache-dir', '--cert', '--client-cert'],
    local: (w) => PATHLIKE(w) || /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/.test(w) || (w.includes('/') && !/^[a-z+]+:\/\//.test(w)) || (/^https?:\/\//.test(w)),
    pinned: (w) => (/^git\+/.test(w) ? /\.git@|@[^/]+#|@[^/]+$/.test(w.replace(/^git\+[a-z]+:\/\/[^/]*@/, '')) : /(==|~=|===|<|>|!=|@)/.test(w)),
  },
  npm: {
    withValue: ['--registry', '--loglevel', '--prefix', '--cache', '--tag', '--userconfig', '-w', '--workspace'],
    local: (w) => PATHLIKE(w) || /\.(tar|tgz|tar\.gz)$/.test(w),
    pinned: (w) => (/^(git(\+[a-z]+)?|https?):\/\//.test(w) || w.startsWith('git@') ? w.includes('#') : /^@?[^@]+@.+/.test(w)),
  },
  gem: {
    withValue: ['-v', '--version', '-s', '--source', '-i', '--install-dir', '-n', '--bindir', '--platform'],
    local: (w) => PATHLIKE(w) || w.endsWith('.gem'), pinned: (w) => w.includes(':'), settles: ['-v', '--version'], unknownTakesValue: true,
  },
  yum: { withValue: ['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo'], local: (w) => PATHLIKE(w) || w.endsWith('.rpm'), pinned: (w) => /-\d|:/.test(w) },
  dnf: { withValue: ['-c', '--config', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--repo'], local: (w) => PATHLIKE(w) || w.endsWith('.rpm'), pinned: (w) => /-\d|:/.test(w) },
  zypper: { withValue: ['-r', '--repo', '--from', '-t', '--type'], local: (w) => PATHLIKE(w) || w.endsWith('.rpm'), pinned: (w) => /[=<>]/.test(w) },
  go: { withValue: ['-o', '-C', '-p', '-tags', '-ldflags', '-gcflags', '-mod', '-modfile', '-pkgdir', '-exec'], local: (w) => PATHLIKE(w) || w === '.', pinned: (w) => /@(?!latest$)/.test(w) },
};

/** The packages of an install command that carry no version. */
export function unpinnedPackages(call: ManagerCommand): string[] {
  const base = SPECS[call.manager === 'apt' || call.manager === 'aptitude' ? 'apt' : call.manager];
  const spec = base !== undefined && call.manager === 'go' && call.action === 'run' ? { ...base, firstOnly: true } : base;
  if (spec === undefined) return [];
  const packages: string[] = [];
  const args = call.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (word === '--') break;
    if (word.startsWith('-') && word.length > 1) {
      if (spec.settles?.includes(word.split('=')[0] ?? '') === true) return [];
      const known = spec.withValue.includes(word);
      if (known || (spec.unknownTakesValue === true && word.startsWith('--') && !word.includes('='))) i++;
      continue;
    }
    if (call.manager === 'yum' || call.manager === 'dnf') {
      // `module install name:stream` pins by stream.
      if (call.action.startsWith('module') ? word.includes(':') : false) continue;
    }
    if (!spec.local(word) && !spec.pinned(word)) packages.push(word);
    // `go run PKG args...`: what follows the package belongs to the program.
    if (spec.firstOnly === true) break;
  }
  return packages;
}

/** Actions whose packages must be pinned. */
export function installsPackages(call: ManagerCommand): boolean {
  switch (call.manager) {
    case 'apt-get': case 'apt': case 'aptitude': return call.action === 'install';
    case 'apk': return call.action === 'add';
    case 'pip': return call.action === 'install';
    case 'npm': return call.action === 'install' || call.action === 'i' || call.action === 'add';
    case 'gem': return call.action === 'install' || call.action === 'i';
    case 'yum': case 'dnf': return call.action === 'install' || call.action === 'in' || call.action === 'module install';
    case 'zypper': return call.action === 'install' || call.action === 'in';
    case 'go': return call.action === 'install' || call.action === 'get' || call.action === 'run';
    case 'yarn': return false;
  }
}
