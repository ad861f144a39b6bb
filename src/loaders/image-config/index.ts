/**
 * ImageConfig resources: what an image is and ships, as the rules for image configuration see it
 * (`palisade.dev/v1`, kind ImageConfig): the OCI config (User, Env, Healthcheck, ExposedPorts,
 * Labels, ...), the history, the uncompressed size, the OS release, the setuid/setgid files and
 * the package-manager caches left in the final file system. `imageFactsOf` collects the facts from
 * an image read by src/loaders/image; `imageConfigResource` makes the resource the engine runs
 * rules on, so findings, exceptions and every writer work as for manifests.
 */
import type { OperatingSystem } from '../../model/package.js';
import type { JsonObject, JsonValue, Resource } from '../../model/resource.js';
import { PointerPositions } from '../../lib/dockerfile/index.js';
import type { ImageConfig, ImageRead, Node } from '../image/index.js';

export const IMAGE_CONFIG_KIND = 'ImageConfig';

export interface SetuidFile {
  readonly path: string;
  /** Permission bits in octal, e.g. "4755". */
  readonly mode: string;
}

export interface PackageCache {
  readonly manager: string;
  readonly path: string;
  readonly bytes: number;
}

export interface ImageFacts {
  /** The image as the user named it. */
  readonly target: string;
  readonly config?: ImageConfig;
  /** Uncompressed size of all layers, in bytes. */
  readonly sizeBytes?: number;
  readonly os?: OperatingSystem;
  readonly setuidFiles?: readonly SetuidFile[];
  readonly packageCaches?: readonly PackageCache[];
  /** The uid the image's /etc/passwd gives the config's User when that is a name (as the runtime resolves it). */
  readonly userUid?: number;
}

/** The passwd file the runtime resolves a user name in (runc, crun: the image's own, first entry of that name). */
export const PASSWD_PATH = '/etc/passwd';

/**
 * The uid of `user` (`name[:group]`) in a passwd file, for a name; undefined for a number, a
 * name the file lacks, or no file. A name that is also a number is a number to runc.
 */
export function uidOfName(user: string, passwd: Buffer | undefined): number | undefined {
  const name = user.trim().split(':')[0] ?? '';
  if (name === '' || /^[+-]?\d+$/.test(name) || passwd === undefined) return undefined;
  for (const line of passwd.toString('utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] !== name || fields.length < 3) continue;
    const uid = fields[2] ?? '';
    return /^\d+$/.test(uid) ? Number(uid) : undefined;
  }
  return undefined;
}

/** Directories package managers fill with caches, and the files in them that are bookkeeping, not cache. */
const CACHE_DIRS: readonly { readonly manager: string; readonly path: string }[] = [
  { manager: 'apt', path: '/var/lib/apt/lists' },
  { manager: 'apt', path: '/var/cache/apt/archives' },
  { manager: 'apk', path: '/var/cache/apk' },
  { manager: 'pip', path: '/root/.cache/pip' },
  { manager: 'npm', path: '/root/.npm/_cacache' },
  { manager: 'yarn', path: '/usr/local/share/.cache/yarn' },
  { manager: 'yum', path: '/var/cache/yum' },
  { manager: 'dnf', path: '/var/cache/dnf' },
  { manager: 'dnf', path: '/var/cache/libdnf5' },
  { manager: 'zypper', path: '/var/cache/zypp' },
];
const BOOKKEEPING = new Set(['lock', '.lock']);
/** Listing more setuid files than this says nothing more; the count stays exact. */
const MAX_LISTED = 200;

/** Total size of the regular files below a node (an explicit stack: image trees can be deep). */
function bytesBelow(root: Node): number {
  let total = 0;
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.kind === 'file') total += node.size;
    else if (node.kind === 'dir') for (const [name, child] of node.children) if (!BOOKKEEPING.has(name)) stack.push(child);
  }
  return total;
}

function setuidFiles(read: ImageRead): { files: SetuidFile[]; count: number } {
  const files: SetuidFile[] = [];
  let count = 0;
  const stack: { path: string; node: Node }[] = [{ path: '', node: read.fs.root }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { path, node } = item;
    if (node.kind === 'dir') {
      for (const [name, child] of node.children) stack.push({ path: `${path}/${name}`, node: child });
    } else if (node.kind === 'file' && (node.mode & 0o6000) !== 0) {
      count++;
      if (files.length < MAX_LISTED) files.push({ path, mode: (node.mode & 0o7777).toString(8).padStart(4, '0') });
    }
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, count };
}

/** The facts the image configuration rules need, from an image read with src/loaders/image. */
export function imageFactsOf(read: ImageRead, os?: OperatingSystem): ImageFacts {
  const packageCaches = CACHE_DIRS.flatMap(({ manager, path }) => {
    const node = read.fs.lookupLiteral(path);
    const bytes = node === undefined ? 0 : bytesBelow(node);
    return bytes > 0 ? [{ manager, path, bytes }] : [];
  });
  const userUid = uidOfName(read.config?.config?.User ?? '', read.fs.read(PASSWD_PATH));
  return {
    target: read.target,
    ...(read.config === undefined ? {} : { config: read.config }),
    sizeBytes: read.stats.uncompressedBytes,
    ...(os === undefined ? {} : { os }),
    setuidFiles: setuidFiles(read).files,
    packageCaches,
    ...(userUid === undefined ? {} : { userUid }),
  };
}

/** JSON-safe copy: config blobs are parsed JSON already, so this only drops undefined fields. */
function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
}

export function imageConfigResource(facts: ImageFacts): Resource {
  const config = facts.config;
  const object: JsonObject = {
    apiVersion: 'palisade.dev/v1',
    kind: IMAGE_CONFIG_KIND,
    metadata: { name: facts.target },
    // A root file system (dir:) has no image config at all: the config rules then have nothing to judge.
    ...(config === undefined ? {} : { config: json(config.config ?? {}), history: json(config.history ?? []) }),
    ...(config?.architecture === undefined || config.architecture === '' ? {} : { architecture: config.architecture }),
    ...(config?.os === undefined || config.os === '' ? {} : { platformOs: config.os }),
    ...(facts.sizeBytes === undefined ? {} : { size: facts.sizeBytes }),
    ...(facts.os === undefined ? {} : { os: json(facts.os) }),
    setuidFiles: json(facts.setuidFiles ?? []),
    packageCaches: json(facts.packageCaches ?? []),
    ...(facts.userUid === undefined ? {} : { userUid: facts.userUid }),
  };
  const positions = new PointerPositions();
  positions.set('', { line: 1, column: 1 });
  return {
    apiVersion: 'palisade.dev/v1',
    kind: IMAGE_CONFIG_KIND,
    name: facts.target,
    object,
    source: { file: facts.target, documentIndex: 0, pointerPrefix: '', position: { line: 1, column: 1 }, positions },
  };
}
