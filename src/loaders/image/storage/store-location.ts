/**
 * Where a containers/storage store (podman, buildah, CRI-O) lives and which graph driver it uses:
 * skopeo's `containers-storage:[DRIVER@GRAPHROOT+RUNROOT]REF` names them explicitly; otherwise
 * storage.conf does, found and read as containers/storage does (containers-storage.conf(5)):
 * - the file is CONTAINERS_STORAGE_CONF, else for root /etc/containers/storage.conf, else
 *   /usr/share/containers/storage.conf; for a rootless user ~/.config/containers/storage.conf
 *   ($XDG_CONFIG_HOME), else the system file;
 * - root's graph root is the file's graphroot (default /var/lib/containers/storage); a rootless
 *   user's is graphroot only from the user's own (or CONTAINERS_STORAGE_CONF's) file, else
 *   rootless_storage_path ($HOME, $UID, $USER expanded), else $XDG_DATA_HOME/containers/storage
 *   (~/.local/share/containers/storage): the system file's graphroot is root's store, never theirs;
 * - `[storage.options] additionalimagestores` are read-only stores searched after the graph root.
 * When no driver is configured, the one whose image index exists in the graph root is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { ImageError } from '../problems.js';

export interface StoreLocation {
  readonly graphRoot: string;
  readonly driver: string;
  /** Read-only stores (additionalimagestores) searched after the graph root, in order. */
  readonly additionalImageStores: readonly string[];
}

/** Drivers whose per-layer directory holds the layer's files as extracted (what tar-split needs). */
export const LAYER_DIRS: Readonly<Record<string, (graphRoot: string, id: string) => string>> = {
  overlay: (root, id) => join(root, 'overlay', id, 'diff'),
  vfs: (root, id) => join(root, 'vfs', 'dir', id),
};

export interface StoreReference {
  readonly store?: { readonly driver?: string; readonly graphRoot: string };
  readonly reference: string;
}

/** Splits `[DRIVER@GRAPHROOT+RUNROOT]REF` (every part of the bracket optional but the graph root). */
export function parseStoreReference(text: string): StoreReference {
  if (!text.startsWith('[')) return { reference: text };
  const close = text.indexOf(']');
  if (close === -1) throw new ImageError('image-not-found', `containers-storage:${text}: unclosed "[" in the store specification`);
  let spec = text.slice(1, close);
  const reference = text.slice(close + 1);
  const plus = spec.indexOf('+');
  if (plus !== -1) spec = spec.slice(0, plus);
  const at = spec.indexOf('@');
  const driver = at === -1 ? undefined : spec.slice(0, at);
  const graphRoot = at === -1 ? spec : spec.slice(at + 1);
  if (graphRoot === '' || !graphRoot.startsWith('/')) throw new ImageError('image-not-found', `containers-storage:${text}: the store's graph root must be an absolute path`);
  return { store: { graphRoot, ...(driver === undefined || driver === '' ? {} : { driver }) }, reference };
}

/** The user Palisade runs as and the system-wide storage.conf files; injectable so the rootless rules can be tested as root. */
export interface StoreUser {
  readonly uid: number;
  readonly systemFiles?: readonly string[];
}

const SYSTEM_STORAGE_CONF = ['/etc/containers/storage.conf', '/usr/share/containers/storage.conf'];

export function locateStore(explicit: StoreReference['store'], env: NodeJS.ProcessEnv = process.env, user: StoreUser = currentUser()): StoreLocation {
  const rootless = user.uid !== 0;
  const conf = explicit === undefined ? readStorageConf(env, rootless, user.systemFiles ?? SYSTEM_STORAGE_CONF) : { settings: {}, own: true };
  const { settings } = conf;
  const graphRoot = explicit?.graphRoot ?? (rootless ? rootlessGraphRoot(conf, env, user) : settings.graphroot ?? '/var/lib/containers/storage');
  const configured = explicit?.driver ?? nonEmpty(env.STORAGE_DRIVER) ?? settings.driver;
  // containers/storage takes overlay2 (Docker's name) for overlay.
  const driver = configured === 'overlay2' ? 'overlay' : configured ?? detectDriver(graphRoot);
  const additionalImageStores = explicit === undefined ? (settings.additionalimagestores ?? []).filter((s) => s !== graphRoot) : [];
  return { graphRoot, driver, additionalImageStores };
}

function currentUser(): StoreUser {
  return { uid: typeof process.getuid === 'function' ? process.getuid() : 0 };
}

function rootlessGraphRoot(conf: { settings: StorageSettings; own: boolean }, env: NodeJS.ProcessEnv, user: StoreUser): string {
  const ownGraphRoot = conf.own ? conf.settings.graphroot : undefined;
  if (ownGraphRoot !== undefined) return expandVariables(ownGraphRoot, env, user);
  const shared = conf.settings.rootless_storage_path;
  if (shared !== undefined) return expandVariables(shared, env, user);
  return join(env.XDG_DATA_HOME ?? join(env.HOME ?? homedir(), '.local/share'), 'containers/storage');
}

/** $VAR and ${VAR} from the environment, with UID (and USER when unset) as containers/storage adds them. */
function expandVariables(path: string, env: NodeJS.ProcessEnv, user: StoreUser): string {
  const value = (name: string): string => {
    if (name === 'UID') return String(user.uid);
    if (name === 'HOME') return env.HOME ?? homedir();
    if (name === 'USER') return env.USER ?? safeUserName();
    return env[name] ?? '';
  };
  return path.replace(/\$\{(\w+)\}|\$(\w+)/g, (_all, braced: string | undefined, bare: string | undefined) => value(braced ?? bare ?? ''));
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** The settings of the one storage.conf that applies, and whether it is the user's own (or named by CONTAINERS_STORAGE_CONF). */
function readStorageConf(env: NodeJS.ProcessEnv, rootless: boolean, systemFiles: readonly string[]): { settings: StorageSettings; own: boolean } {
  const named = nonEmpty(env.CONTAINERS_STORAGE_CONF);
  const userFile = rootless ? join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'containers/storage.conf') : undefined;
  const candidates: { file: string | undefined; own: boolean }[] = named !== undefined
    ? [{ file: named, own: true }]
    : [{ file: userFile, own: true }, ...systemFiles.map((file) => ({ file, own: !rootless }))];
  for (const { file, own } of candidates) {
    if (file === undefined || !existsSync(file)) continue;
    return { settings: storageTable(readFileSync(file, 'utf8')), own };
  }
  return { settings: {}, own: false };
}

export interface StorageSettings {
  driver?: string;
  graphroot?: string;
  rootless_storage_path?: string;
  additionalimagestores?: string[];
}

const STRING_KEYS = ['driver', 'graphroot', 'rootless_storage_path'] as const;

/**
 * The settings read from storage.conf: driver, graphroot and rootless_storage_path of `[storage]`,
 * additionalimagestores of `[storage.options]` (an array of strings, possibly over several lines).
 * storage.conf is TOML, but these are plain strings and one string array in fixed tables, so a
 * line reader suffices (and needs no TOML dependency).
 */
export function storageTable(text: string): StorageSettings {
  const found: StorageSettings = {};
  let table = '';
  let array: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s#.*$|^#.*$/, '').trim();
    if (array !== undefined) {
      array += ` ${line}`;
      if (line.includes(']')) {
        found.additionalimagestores = stringsOf(array);
        array = undefined;
      }
      continue;
    }
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      table = header[1].trim();
      continue;
    }
    if (table === 'storage.options') {
      const start = /^additionalimagestores\s*=\s*\[(.*)$/.exec(line);
      if (start?.[1] === undefined) continue;
      if (start[1].includes(']')) found.additionalimagestores = stringsOf(start[1]);
      else array = start[1];
      continue;
    }
    if (table !== 'storage') continue;
    const match = /^(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/.exec(line);
    const key = STRING_KEYS.find((k) => k === match?.[1]);
    const value = match?.[2] ?? match?.[3];
    if (key === undefined || value === undefined || value === '') continue;
    found[key] = value;
  }
  return found;
}

/** The quoted strings of a TOML array's text (up to its closing bracket). */
function stringsOf(text: string): string[] {
  const body = text.slice(0, text.indexOf(']') === -1 ? undefined : text.indexOf(']'));
  return [...body.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '').filter((s) => s !== '');
}

function detectDriver(graphRoot: string): string {
  const present = Object.keys(LAYER_DIRS).filter((d) => existsSync(join(graphRoot, `${d}-images`, 'images.json')));
  const [first] = present;
  if (first === undefined) throw new ImageError('image-not-found', `no containers-storage store with images at ${graphRoot} (set CONTAINERS_STORAGE_CONF or name it: containers-storage:[DRIVER@GRAPHROOT]REF)`);
  return first;
}
