/**
 * kustomize's default load restrictor (LoadRestrictionsRootOnly, what `kubectl kustomize` and
 * `kustomize build` use unless told `--load-restrictor LoadRestrictionsNone`): a file that a
 * kustomization names (a resource file, a patch, a generator's files and envs, crds,
 * configurations, openapi) is read only when it lies in or below that kustomization's own
 * directory, both with links resolved; an absolute path is allowed if it does. Other
 * kustomizations (bases, components, directory resources) are not restricted: an overlay may
 * build on `../../base`, and that base's files are then restricted to the base's directory. A
 * base must be named by a relative path. Palisade applies the same rule before kustomize runs, so
 * that a hostile kustomization (a secretGenerator file `../../../etc/shadow`, a link out of the
 * tree) is refused by Palisade itself, pointed at the line that names the file.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isWithin } from './kustomization-file.js';
import type { Reference } from './kustomize-references.js';

/**
 * The real path a local file entry of the kustomization in `dir` (its real path) leads to when
 * that is outside `dir`; undefined when the entry stays inside, is a directory (a base) or does
 * not exist (kustomize reports that).
 */
export function fileOutsideRoot(reference: Reference, dir: string): string | undefined {
  if (reference.kind === 'directory') return undefined;
  let real: string;
  try {
    real = realpathSync(path.resolve(dir, reference.entry));
    if (statSync(real).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return isWithin(real, dir) ? undefined : real;
}

/**
 * Whether a local file entry (inside its kustomization's directory) is neither a regular file nor
 * a directory: kustomize would open a named pipe and wait on it until the render times out.
 */
export function isIrregularFile(reference: Reference, dir: string): boolean {
  if (reference.kind === 'directory') return false;
  try {
    const stats = statSync(path.resolve(dir, reference.entry));
    return !stats.isFile() && !stats.isDirectory();
  } catch {
    return false;
  }
}
