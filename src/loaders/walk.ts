/**
 * What a directory holds for the scan, in a deterministic order (names sorted by code unit at
 * every level): manifest files to read, Kustomize overlays and Helm charts to render (they are
 * not walked into), and notes for the files that are skipped.
 *
 * Symbolic links are followed only when they stay inside the directory being scanned, and each
 * real directory is visited once, so a link loop or a link to `/` cannot make the walk endless
 * or pull in files the user did not point at.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '../model/problem.js';
import { problem } from '../core/errors.js';
import { isHelmChart } from './helm.js';
import { isKustomization } from './kustomize.js';
import { isDockerfileName } from './dockerfile/index.js';
import { CONFIG_FILE_NAMES } from '../config/load.js';

/** `real` is the path with every symbolic link resolved, to recognise one file reached twice. */
export type WalkItem =
  | { readonly kind: 'file'; readonly absolute: string; readonly real: string; readonly shown: string }
  | { readonly kind: 'kustomize' | 'helm'; readonly absolute: string; readonly real: string; readonly shown: string }
  | { readonly kind: 'problem'; readonly problem: Problem };

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** Version-control metadata: never manifests, sometimes huge. */
const SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn']);
/**
 * Palisade's own configuration (`palisade scan .` in a repository that keeps its .palisade.yaml at
 * the root): it configures the scan, and read as a manifest it was a warning of missing fields.
 */
const CONFIG_FILES: ReadonlySet<string> = new Set(CONFIG_FILE_NAMES);

export function isManifestName(name: string): boolean {
  return MANIFEST_EXTENSIONS.has(path.extname(name).toLowerCase());
}

/** How a directory is scanned: rendered by a tool, or walked. */
export function directoryKind(dir: string): 'kustomize' | 'helm' | 'walk' {
  if (isKustomization(dir)) return 'kustomize';
  if (isHelmChart(dir)) return 'helm';
  return 'walk';
}

/**
 * What a directory holds for a scan: manifests and Dockerfiles, and Helm charts and Kustomize
 * overlays as whole items (rendered, not walked). With `select: 'dockerfiles'` (palisade
 * dockerfile), only Dockerfiles, looked for in every directory, charts and overlays included,
 * and other files passed over without a note.
 */
export async function walkDirectory(absolute: string, shown: string, select: 'manifests' | 'dockerfiles' = 'manifests'): Promise<WalkItem[]> {
  const root = await realpath(absolute);
  const items: WalkItem[] = [];
  await visit({ path: absolute, real: root, shown }, root, new Set([root]), items, select);
  return items;
}

interface Place {
  readonly path: string;
  readonly real: string;
  readonly shown: string;
}

async function visit(dir: Place, root: string, visited: Set<string>, items: WalkItem[], select: 'manifests' | 'dockerfiles'): Promise<void> {
  const shown = dir.shown;
  let entries: Dirent[];
  try {
    entries = await readdir(dir.path, { withFileTypes: true });
  } catch (error) {
    items.push({ kind: 'problem', problem: problem('input-unreadable', `cannot list directory: ${errorCode(error)}`, { file: shown }) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Entry names never contain a separator, so plain concatenation is a join (and much cheaper
  // than path.join over tens of thousands of files).
  const dirPath = withSeparator(dir.path);
  const dirReal = withSeparator(dir.real);
  const dirShown = shownPrefix(shown);
  for (const entry of entries) {
    const absolute = dirPath + entry.name;
    const entryShown = dirShown + entry.name;
    const { target, real } = await resolveEntry(entry, absolute, dirReal + entry.name, root);
    if (target === 'outside') {
      items.push({ kind: 'problem', problem: problem('not-a-manifest', 'symbolic link leads outside the scanned directory; not followed', { file: entryShown }) });
    } else if (target === 'directory') {
      if (SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (visited.has(real)) continue;
      visited.add(real);
      const kind = select === 'dockerfiles' ? 'walk' : directoryKind(absolute);
      if (kind === 'walk') await visit({ path: absolute, real, shown: entryShown }, root, visited, items, select);
      else items.push({ kind, absolute, real, shown: entryShown });
    } else if (target === 'file') {
      if (CONFIG_FILES.has(entry.name)) continue;
      if (isDockerfileName(entry.name) || (select === 'manifests' && isManifestName(entry.name))) items.push({ kind: 'file', absolute, real, shown: entryShown });
      else if (select === 'manifests') items.push({ kind: 'problem', problem: problem('not-a-manifest', 'not a .yaml, .yml or .json file; skipped', { file: entryShown }) });
    }
    // Sockets, devices and FIFOs inside a tree are never manifests; skipped without a note.
  }
}

/** How entries of a directory are named for the user: `.` adds nothing, `dir/` and `dir` add `dir/`. */
function shownPrefix(shown: string): string {
  const normal = path.normalize(shown);
  return normal === '.' || normal === `.${path.sep}` ? '' : withSeparator(normal);
}

function withSeparator(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

/** What an entry is; only symbolic links cost a system call (their real path and type). */
async function resolveEntry(entry: Dirent, absolute: string, real: string, root: string): Promise<{ target: 'file' | 'directory' | 'outside' | 'other'; real: string }> {
  if (entry.isFile()) return { target: 'file', real };
  if (entry.isDirectory()) return { target: 'directory', real };
  if (!entry.isSymbolicLink()) return { target: 'other', real };
  try {
    const resolved = await realpath(absolute);
    if (resolved !== root && !resolved.startsWith(root + path.sep)) return { target: 'outside', real: resolved };
    const stats = await stat(resolved);
    return { target: stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other', real: resolved };
  } catch {
    // A dangling link: nothing to read.
    return { target: 'other', real };
  }
}

export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}
