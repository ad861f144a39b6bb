/**
 * Where a containers/storage store (podman, buildah, CRI-O) lives and which graph driver it uses:
 * skopeo's `containers-storage:[DRIVER@GRAPHROOT+RUNROOT]REF` names them explicitly; otherwise
 * storage.conf does (CONTAINERS_STORAGE_CONF, else the rootless user file, else
 * /etc/containers/storage.conf, else /usr/share/containers/storage.conf), with the documented
 * defaults (/var/lib/containers/storage for root, ~/.local/share/containers/storage rootless).
 * When no driver is configured, the one whose image index exists in the graph root is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ImageError } from '../problems.js';

export interface StoreLocation {
  readonly graphRoot: string;
  readonly driver: string;
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

export function locateStore(explicit: StoreReference['store'], env: NodeJS.ProcessEnv = process.env): StoreLocation {
  const rootless = typeof process.getuid === 'function' && process.getuid() !== 0;
  const config = explicit === undefined ? readStorageConf(env, rootless) : {};
  const graphRoot = explicit?.graphRoot ?? config.graphroot ?? (rootless
    ? join(env.XDG_DATA_HOME ?? join(env.HOME ?? homedir(), '.local/share'), 'containers/storage')
    : '/var/lib/containers/storage');
  const driver = explicit?.driver ?? nonEmpty(env.STORAGE_DRIVER) ?? config.driver ?? detectDriver(graphRoot);
  return { graphRoot, driver };
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

function readStorageConf(env: NodeJS.ProcessEnv, rootless: boolean): { driver?: string; graphroot?: string } {
  const candidates = [
    nonEmpty(env.CONTAINERS_STORAGE_CONF),
    rootless ? join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'containers/storage.conf') : undefined,
    '/etc/containers/storage.conf',
    '/usr/share/containers/storage.conf',
  ];
  for (const file of candidates) {
    if (file === undefined || !existsSync(file)) continue;
    return storageTable(readFileSync(file, 'utf8'));
  }
  return {};
}

/**
 * The `[storage]` table's driver and graphroot. storage.conf is TOML, but these two keys are plain
 * strings in a top-level table, so a line reader suffices (and needs no TOML dependency).
 */
export function storageTable(text: string): { driver?: string; graphroot?: string } {
  const found: { driver?: string; graphroot?: string } = {};
  let table = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      table = header[1].trim();
      continue;
    }
    if (table !== 'storage') continue;
    const match = /^(driver|graphroot)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/.exec(line);
    const value = match?.[2] ?? match?.[3];
    if (match?.[1] === undefined || value === undefined || value === '') continue;
    if (match[1] === 'driver') found.driver = value;
    else found.graphroot = value;
  }
  return found;
}

function detectDriver(graphRoot: string): string {
  const present = Object.keys(LAYER_DIRS).filter((d) => existsSync(join(graphRoot, `${d}-images`, 'images.json')));
  const [first] = present;
  if (first === undefined) throw new ImageError('image-not-found', `no containers-storage store with images at ${graphRoot} (set CONTAINERS_STORAGE_CONF or name it: containers-storage:[DRIVER@GRAPHROOT]REF)`);
  return first;
}
