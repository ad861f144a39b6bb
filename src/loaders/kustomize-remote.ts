/**
 * What a kustomization would fetch from the network. kustomize clones any resource, base or
 * component that parses as a git URL (github.com/org/repo//dir?ref=v1, git@host:repo, https://...)
 * and downloads any file field given as an http(s) URL, with no option to stop it. A manifest
 * repository is attacker-controlled input (a pull request scanned in CI), so rendering it must not
 * make requests the user never asked for: an overlay that references anything remote is reported
 * instead of rendered, naming the first such reference.
 *
 * The walk follows the overlay's local kustomization directories (each read once), and reads the
 * fields kustomize loads paths from. It runs before kustomize, so nothing is fetched meanwhile.
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { asArray, asRecord } from '../lib/k8s/values.js';
import { isUrl } from './kustomize-origin.js';
import { isKustomization, readKustomization } from './kustomization-file.js';

export interface RemoteReference {
  /** The kustomization directory that holds the reference. */
  readonly dir: string;
  readonly field: string;
  readonly entry: string;
}

/** Fields whose entries may be directories (other kustomizations), so git URLs too. */
const DIRECTORY_FIELDS = ['resources', 'bases', 'components', 'generators', 'transformers', 'validators'] as const;
/** Fields whose entries are files: kustomize downloads those given as http(s) URLs. */
const FILE_FIELDS = ['crds', 'configurations', 'patchesStrategicMerge'] as const;
const PATH_OBJECT_FIELDS = ['patches', 'patchesJson6902', 'replacements'] as const;
const GENERATOR_FIELDS = ['configMapGenerator', 'secretGenerator', 'helmChartInflationGenerator'] as const;
/** A kustomization tree deeper than this is not one anybody wrote. */
const MAX_DIRECTORIES = 1000;

export interface KustomizationTree {
  /** Real paths of the kustomization directories the overlay builds on, itself included: every file kustomize may read lies in one (its load restrictor). */
  readonly roots: readonly string[];
  /** The first remote reference met, if any. */
  readonly remote?: RemoteReference;
}

/** The kustomization in `dir` and the local kustomizations it uses, with the first remote reference of any. */
export function readKustomizationTree(dir: string): KustomizationTree {
  const pending = [dir];
  const visited = new Set<string>();
  let remote: RemoteReference | undefined;
  while (pending.length > 0 && visited.size < MAX_DIRECTORIES) {
    const current = pending.pop() ?? dir;
    let real: string;
    try {
      real = realpathSync(current);
    } catch {
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    const kustomization = asRecord(readKustomization(real));
    if (kustomization === undefined) continue;
    remote ??= remoteIn(kustomization, real, pending);
  }
  return { roots: [...visited], ...(remote === undefined ? {} : { remote }) };
}

/** The first remote entry of one kustomization; its local kustomization directories go to `pending`. */
function remoteIn(kustomization: Record<string, unknown>, dir: string, pending: string[]): RemoteReference | undefined {
  for (const field of DIRECTORY_FIELDS) {
    for (const entry of strings(kustomization[field])) {
      const local = path.resolve(dir, entry);
      if (looksRemote(entry, local)) return { dir, field, entry };
      if (isKustomization(local)) pending.push(local);
    }
  }
  const files: { field: string; entry: string }[] = [];
  for (const field of FILE_FIELDS) for (const entry of strings(kustomization[field])) files.push({ field, entry });
  for (const field of PATH_OBJECT_FIELDS) {
    for (const item of asArray(kustomization[field])) files.push(...strings(asRecord(item)?.['path']).map((entry) => ({ field, entry })));
  }
  files.push(...strings(asRecord(kustomization['openapi'])?.['path']).map((entry) => ({ field: 'openapi', entry })));
  for (const field of GENERATOR_FIELDS) {
    for (const item of asArray(kustomization[field])) {
      const generator = asRecord(item);
      // `files` entries may name their key: `key=path`.
      const named = strings(generator?.['files']).map((entry) => entry.slice(entry.indexOf('=') + 1));
      for (const entry of [...named, ...strings(generator?.['envs']), ...strings(generator?.['env'])]) files.push({ field, entry });
    }
  }
  const remote = files.find(({ entry }) => isUrl(entry));
  return remote === undefined ? undefined : { dir, ...remote };
}

/**
 * Whether kustomize would treat a directory entry as a git repository: a URL, the git forms
 * kustomize accepts (git@host:, git::, gh:, a ?ref= query), or, when nothing local has that
 * name, a path whose first segment is a host name (github.com/org/repo).
 */
function looksRemote(entry: string, local: string): boolean {
  if (isUrl(entry) || /^(git@|git::|gh:)/.test(entry) || /[?&](ref|version)=/.test(entry)) return true;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\//i.test(entry) && !existsSync(local);
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return asArray(value).filter((entry): entry is string => typeof entry === 'string');
}
