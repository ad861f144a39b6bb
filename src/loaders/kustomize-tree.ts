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
import { configFile, configPaths, inlineConfigs, PLUGIN_FIELDS, type PluginConfig } from './kustomize-plugins.js';
import { folded, literalValues, referencesOf, type Reference } from './kustomize-references.js';
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

/** A kustomization to read; `pluginRoot`: its resources are plugin configurations of the kustomization in that directory. */
interface PendingDir {
  readonly dir: string;
  readonly pluginRoot?: string;
}

/** The kustomization in `dir` and the local kustomizations it uses, with the first remote and the first outside reference of any. */
export function readKustomizationTree(dir: string): KustomizationTree {
  const walk = new TreeWalk();
  const pending: PendingDir[] = [{ dir }];
  const visited = new Set<string>();
  while (pending.length > 0 && visited.size < MAX_DIRECTORIES) {
    const current = pending.pop() ?? { dir };
    let real: string;
    try {
      real = realpathSync(current.dir);
    } catch {
      continue;
    }
    const key = `${real}\n${current.pluginRoot ?? ''}`;
    if (visited.has(key)) continue;
    visited.add(key);
    pending.push(...walk.visit(real, current.pluginRoot));
  }
  // Past the bound, what the rest name was not checked: kustomize is not handed the overlay.
  if (pending.some((left) => !walk.roots.has(realOrSelf(left.dir)))) walk.unreadable ??= { kind: 'unreadable', file: realOrSelf(dir), reason: `builds on more than ${String(MAX_DIRECTORIES)} kustomizations` };
  const { remote, outside, unreadable } = walk;
  return { roots: [...walk.roots], literals: walk.literals, ...(remote === undefined ? {} : { remote }), ...(outside === undefined ? {} : { outside }), ...(unreadable === undefined ? {} : { unreadable }) };
}

/** What the walk found so far: the first reference of each kind it refuses, and what it read. */
class TreeWalk {
  readonly roots = new Set<string>();
  readonly literals: string[] = [];
  remote: RemoteReference | undefined;
  outside: OutsideReference | undefined;
  unreadable: UnreadableKustomization | undefined;

  /** Checks the kustomization in `real` (`pluginRoot`: see PendingDir); the kustomizations it builds on, to visit. */
  visit(real: string, pluginRoot: string | undefined): PendingDir[] {
    this.roots.add(real);
    const read = loadKustomization(real);
    if (read.kind === 'outside') this.outside ??= { dir: real, file: read.file, ...linkTarget(read.file) };
    if (read.kind === 'unreadable') this.unreadable ??= read;
    const kustomization = read.kind === 'parsed' ? asRecord(read.value) : undefined;
    if (read.kind !== 'parsed' || kustomization === undefined) return [];
    this.literals.push(...literalValues(kustomization));
    this.checkConfigs(inlineConfigs(kustomization), real, read.file);
    const next: PendingDir[] = [];
    for (const reference of referencesOf(kustomization)) {
      const checked = this.check(reference, real, read.file);
      const plugin = PLUGIN_FIELDS.has(folded(reference.field));
      // A plugin entry that is a kustomization holds configurations; so do its own bases.
      const inherited = plugin ? real : pluginRoot;
      if (checked === 'kustomization') next.push({ dir: path.resolve(real, reference.entry), ...(inherited === undefined ? {} : { pluginRoot: inherited }) });
      if (checked !== 'local' || reference.kind === 'directory') continue;
      // A file named by a plugin field, or a resource of a kustomization of configurations.
      const configRoot = plugin ? real : folded(reference.field) === 'resources' ? pluginRoot : undefined;
      if (configRoot !== undefined) this.checkConfigFile(reference, real, configRoot, read.file);
    }
    return next;
  }

  /**
   * Checks one reference of the kustomization file `file`, whose files lie in `root`: `refused`
   * (remote, outside, not a regular file), `kustomization` (a local one to read) or `local`.
   */
  private check(reference: Reference, root: string, file: string): 'refused' | 'kustomization' | 'local' {
    if (isRemote(reference, root)) {
      this.remote ??= { dir: path.dirname(file), field: reference.field, entry: reference.entry };
      return 'refused';
    }
    const target = fileOutsideRoot(reference, root);
    if (target !== undefined) {
      this.outside ??= { dir: path.dirname(file), file, reference, target };
      return 'refused';
    }
    if (isIrregularFile(reference, root)) {
      this.unreadable ??= { kind: 'unreadable', file, reason: `names the ${reference.field} file ${JSON.stringify(reference.entry)}, which is not a regular file (kustomize would wait on it until it times out)` };
      return 'refused';
    }
    // kustomize refuses an absolute base ("new root cannot be absolute"): it is not read here either.
    const base = reference.kind !== 'file' && !path.isAbsolute(reference.entry) && isKustomization(path.resolve(root, reference.entry));
    return base ? 'kustomization' : 'local';
  }

  /** Checks the plugin configurations of a file (in `dir`) against `configRoot`, the directory of the kustomization configuring the plugins. */
  private checkConfigFile(reference: Reference, dir: string, configRoot: string, file: string): void {
    const config = configFile(reference, dir);
    if (config === 'too-large') this.unreadable ??= { kind: 'unreadable', file, reason: `names the plugin configuration ${JSON.stringify(reference.entry)}, which is too large to check` };
    else if (config !== undefined) this.checkConfigs([config], configRoot, file);
  }

  /** Checks what plugin configurations name, against `root`, the directory of the kustomization configuring the plugins. */
  private checkConfigs(configs: readonly PluginConfig[], root: string, file: string): void {
    for (const config of configs) {
      const field = `${config.reference.field} plugin configuration`;
      for (const entry of configPaths(config.text)) this.check({ ...config.reference, field, entry, kind: 'file' }, root, file);
    }
  }
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

