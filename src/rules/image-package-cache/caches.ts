/**
 * Where each package manager leaves its cache, what cleans it, and which directories a RUN can
 * mount instead so the cache never reaches a layer.
 */
import type { ShellCommand } from '../../lib/dockerfile/index.js';
import { hasOption, operands, programOf, unwrapped } from '../_dockerfile/dockerfile.js';
import type { Manager, ManagerCommand } from '../_dockerfile/package-managers.js';

export interface CacheSpec {
  /** The name the message uses ("apt", "pip"). */
  readonly name: string;
  readonly path: string;
  /** Subcommands that fill the cache. */
  readonly fills: readonly string[];
  /** Mount targets that keep it out of the layer. */
  readonly mounts: readonly string[];
  /** Whether the command itself avoids the cache (apk --no-cache, pip --no-cache-dir). */
  readonly avoided?: (call: ManagerCommand) => boolean;
  /** Whether a later command of the same RUN cleans it. */
  readonly cleans: (command: ShellCommand) => boolean;
}

/**
 * A path in a home directory (`~/.cache`, `$HOME/.cache`, `/home/app/.cache`) as the same path in
 * root's: pip, npm and yarn keep their caches in the home of whoever runs the RUN, which is /root
 * for root and /home/NAME (or ~) in a build that switched USER. The cache paths here are root's.
 */
export function asRootHome(path: string): string {
  return path.replace(/^(?:~|\$HOME|\$\{HOME\}|\/home\/[^/]+)(?=\/|$)/, '/root');
}

/** `rm` of a path under one of these directories. */
export function removes(command: ShellCommand, ...dirs: string[]): boolean {
  const c = unwrapped(command);
  return programOf(c) === 'rm' && operands(c).map(asRootHome).some((arg) => dirs.some((dir) => arg === dir || arg.startsWith(`${dir}/`)));
}

/** `tool [options] word1 word2...` with the given leading words (options skipped). */
function runs(command: ShellCommand, programs: readonly string[], ...words: string[]): boolean {
  const c = unwrapped(command);
  if (!programs.includes(programOf(c))) return false;
  const rest = operands(c);
  return words.every((word, i) => rest[i] === word);
}

/** `apt-get clean` or removing /var/cache/apt: the downloaded .deb archives are gone. */
export function cleansArchives(command: ShellCommand): boolean {
  return runs(command, ['apt-get', 'apt'], 'clean') || removes(command, '/var/cache/apt');
}

/**
 * Only `update` writes the package lists; `install` and the upgrades read them and download .deb
 * archives to /var/cache/apt/archives, which Debian and Ubuntu images delete after each run
 * (docker-clean) unless a build removed that hook.
 */
export const APT_DOWNLOADS: readonly string[] = ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep'];

const APT: CacheSpec = {
  name: 'apt', path: '/var/lib/apt/lists', fills: ['update'],
  mounts: ['/var/lib/apt', '/var/lib/apt/lists'],
  cleans: (c) => removes(c, '/var/lib/apt/lists', '/var/lib/apt'),
};

export const CACHES: Readonly<Partial<Record<Manager, CacheSpec>>> = {
  'apt-get': APT,
  apt: APT,
  aptitude: APT,
  apk: {
    name: 'apk', path: '/var/cache/apk', fills: ['add', 'upgrade', 'update'], mounts: ['/var/cache/apk'],
    avoided: (call) => hasOption(call.command, ['--no-cache']),
    cleans: (c) => removes(c, '/var/cache/apk') || runs(c, ['apk'], 'cache', 'clean'),
  },
  pip: {
    name: 'pip', path: '/root/.cache/pip', fills: ['install'], mounts: ['/root/.cache', '/root/.cache/pip'],
    avoided: (call) => hasOption(call.command, ['--no-cache-dir']),
    cleans: (c) => runs(c, ['pip', 'pip3', 'pip2'], 'cache', 'purge') || removes(c, '/root/.cache', '/root/.cache/pip'),
  },
  npm: {
    name: 'npm', path: '/root/.npm', fills: ['install', 'i', 'ci', 'add'], mounts: ['/root/.npm'],
    cleans: (c) => runs(c, ['npm'], 'cache', 'clean') || removes(c, '/root/.npm', '/root/.npm/_cacache'),
  },
  yarn: {
    name: 'yarn', path: '/usr/local/share/.cache/yarn', fills: ['install'], mounts: ['/root/.cache/yarn', '/usr/local/share/.cache/yarn'],
    cleans: (c) => runs(c, ['yarn'], 'cache', 'clean') || removes(c, '/usr/local/share/.cache/yarn', '/root/.cache/yarn'),
  },
  yum: {
    name: 'yum', path: '/var/cache/yum', fills: ['install', 'update', 'upgrade', 'groupinstall', 'module install', 'group install', 'reinstall'],
    mounts: ['/var/cache/yum'],
    cleans: (c) => runs(c, ['yum'], 'clean', 'all') || removes(c, '/var/cache/yum'),
  },
  dnf: {
    name: 'dnf', path: '/var/cache/dnf', fills: ['install', 'in', 'upgrade', 'up', 'up-min', 'upgrade-minimal', 'update', 'reinstall', 'rei', 'module install', 'group install'],
    mounts: ['/var/cache/libdnf5', '/var/cache/dnf', '/var/cache/yum'],
    cleans: (c) => runs(c, ['dnf', 'microdnf'], 'clean', 'all') || removes(c, '/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'),
  },
  zypper: {
    name: 'zypper', path: '/var/cache/zypp', fills: ['install', 'in', 'update', 'up', 'dist-upgrade', 'dup', 'patch', 'source-install', 'si'],
    mounts: ['/var/cache/zypp'],
    cleans: (c) => runs(c, ['zypper'], 'clean') || runs(c, ['zypper'], 'cc') || removes(c, '/var/cache/zypp'),
  },
};

/** PIP_NO_CACHE_DIR: pip reads any of these as "on". */
export function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}
