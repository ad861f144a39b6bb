/**
 * The local kustomizations an overlay builds on, read before kustomize runs (each once, links
 * resolved), with the first reference in any of them that Palisade will not let kustomize follow:
 * a remote one (kustomize would fetch it, kustomize-remote.ts) or a file outside the directory of
 * the kustomization naming it (kustomize's load restrictor, kustomize-restrictor.ts).
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { asRecord } from '../lib/k8s/values.js';
import { isKustomization, loadKustomization, type KustomizationRead } from './kustomization-file.js';
import { literalValues, referencesOf, type Reference } from './kustomize-references.js';
import { isRemote, type RemoteReference } from './kustomize-remote.js';
import { fileOutsideRoot, isIrregularFile } from './kustomize-restrictor.js';

/** A reference kustomize's load restrictor refuses: `target` is where it leads (links resolved). */
export interface OutsideReference {
  /** The real path of the kustomization directory that holds the reference. */
  readonly dir: string;
  /** The kustomization file: a reference names an entry in it; `link` the file itself, a link out of `dir`. */
  readonly file: string;
  readonly reference?: Reference;
  readonly target?: string;
}

export interface KustomizationTree {
  /** Real paths of the kustomization directories the overlay builds on, itself included: every file kustomize may read lies in one (its load restrictor). */
  readonly roots: readonly string[];
  /** The first remote reference met, if any. */
  readonly remote?: RemoteReference;
  /** The first file outside its kustomization's directory, if any. */
  readonly outside?: OutsideReference;
  /** The values of every generator literal (`KEY=value`, or the whole entry without `=`): never printed in full. */
  readonly literals: readonly string[];
  /**
   * The first kustomization file that Palisade cannot read or parse: what it names cannot be
   * checked, so the overlay is not handed to kustomize (which might read it otherwise).
   */
  readonly unreadable?: UnreadableKustomization;
}

export type UnreadableKustomization = Extract<KustomizationRead, { kind: 'unreadable' }>;

/** A kustomization tree deeper than this is not one anybody wrote. */
const MAX_DIRECTORIES = 1000;

/** The kustomization in `dir` and the local kustomizations it uses, with the first remote and the first outside reference of any. */
export function readKustomizationTree(dir: string): KustomizationTree {
  const pending = [dir];
  const visited = new Set<string>();
  let remote: RemoteReference | undefined;
  let outside: OutsideReference | undefined;
  let unreadable: UnreadableKustomization | undefined;
  const literals: string[] = [];
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
    const read = loadKustomization(real);
    if (read.kind === 'outside') outside ??= { dir: real, file: read.file, ...linkTarget(read.file) };
    if (read.kind === 'unreadable') unreadable ??= read;
    if (read.kind !== 'parsed') continue;
    const kustomization = asRecord(read.value);
    if (kustomization === undefined) continue;
    literals.push(...literalValues(kustomization));
    for (const reference of referencesOf(kustomization)) {
      if (isRemote(reference, real)) {
        remote ??= { dir: real, field: reference.field, entry: reference.entry };
        continue;
      }
      const target = fileOutsideRoot(reference, real);
      if (target !== undefined) outside ??= { dir: real, file: read.file, reference, target };
      else if (isIrregularFile(reference, real)) unreadable ??= { kind: 'unreadable', file: read.file, reason: `names the ${reference.field} file ${JSON.stringify(reference.entry)}, which is not a regular file (kustomize would wait on it until it times out)` };
      // kustomize refuses an absolute base ("new root cannot be absolute"): it is not read here either.
      else if (reference.kind !== 'file' && !path.isAbsolute(reference.entry) && isKustomization(path.resolve(real, reference.entry))) pending.push(path.resolve(real, reference.entry));
    }
  }
  // Past the bound, what the rest name was not checked: kustomize is not handed the overlay.
  if (pending.some((left) => !visited.has(realOrSelf(left)))) unreadable ??= { kind: 'unreadable', file: [...visited][0] ?? dir, reason: `builds on more than ${String(MAX_DIRECTORIES)} kustomizations` };
  return { roots: [...visited], literals, ...(remote === undefined ? {} : { remote }), ...(outside === undefined ? {} : { outside }), ...(unreadable === undefined ? {} : { unreadable }) };
}

function linkTarget(file: string): { target?: string } {
  try {
    return { target: realpathSync(file) };
  } catch {
    return {};
  }
}

function realOrSelf(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

