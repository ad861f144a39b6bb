/**
 * What a kustomization would fetch from the network. kustomize clones any resource, base or
 * component that parses as a git URL (github.com/org/repo//dir?ref=v1, git@host:repo, https://...)
 * and downloads any file field given as an http(s) URL, with no option to stop it. A manifest
 * repository is attacker-controlled input (a pull request scanned in CI), so rendering it must not
 * make requests the user never asked for: an overlay that references anything remote is reported
 * instead of rendered (kustomize-tree.ts finds the first such reference before kustomize runs).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isUrl } from './kustomize-origin.js';
import type { Reference } from './kustomize-references.js';

export interface RemoteReference {
  /** The kustomization directory that holds the reference. */
  readonly dir: string;
  readonly field: string;
  readonly entry: string;
}

/**
 * Whether kustomize would fetch the entry: a URL in any field, and in fields that may name a
 * directory, the git forms kustomize accepts (git@host:, git::, gh:, a ?ref= query), or, when
 * nothing local has that name, a path whose first segment is a host name (github.com/org/repo).
 */
export function isRemote(reference: Reference, dir: string): boolean {
  const { entry } = reference;
  if (isUrl(entry)) return true;
  if (reference.kind === 'file') return false;
  if (/^(git@|git::|gh:)/.test(entry) || /[?&](ref|version)=/.test(entry)) return true;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?\//i.test(entry) && !existsSync(path.resolve(dir, entry));
}
