/**
 * The merged file system of an image: layers applied in order with the OCI whiteout rules
 * (image-spec layer.md): `.wh.NAME` deletes NAME from lower layers, `.wh..wh..opq` hides the lower
 * layers' contents of its directory, and neither touches what the same layer adds.
 *
 * Only metadata is kept for most files; content is kept for the files analyzers asked for, with
 * every version a layer wrote (to tell which layer added a package to a database file).
 * Symbolic links are resolved inside the root only: `..` at the root stays at the root and an
 * absolute target starts from the image root, as in a chroot, so nothing can point at the host.
 */
import { baseName, parentOf, printable, splitPath } from './entry-path.js';
import type { LayerEntry } from './layer-reader.js';
import { ImageError } from './problems.js';

export interface FileVersion {
  /** Index of the layer that wrote this version (0 = the base layer). */
  readonly layer: number;
  readonly content: Buffer;
}

interface NodeBase {
  /** Layer that created or last replaced the node. */
  layer: number;
  /** The highest layer that wrote this node or anything below it: whiteouts keep same-layer additions. */
  touched: number;
  mode: number;
}
export interface DirNode extends NodeBase { readonly kind: 'dir'; readonly children: Map<string, Node> }
export interface FileNode extends NodeBase {
  readonly kind: 'file';
  readonly size: number;
  /** Versions buffered for analyzers, oldest first; the last is the current content. */
  readonly versions: readonly FileVersion[];
  /** Why a wanted file was not buffered. */
  readonly skipped?: string;
}
export interface SymlinkNode extends NodeBase { readonly kind: 'symlink'; readonly target: string }
export interface OtherNode extends NodeBase { readonly kind: 'other' }
export type Node = DirNode | FileNode | SymlinkNode | OtherNode;

/** Linux's limit on symlinks followed in one lookup (ELOOP). */
const MAX_SYMLINK_HOPS = 40;

export class RootFs {
  readonly root: DirNode = { kind: 'dir', children: new Map(), layer: 0, touched: 0, mode: 0o755 };

  /** Applies one entry of layer `layer`; `where` names the layer in errors. */
  apply(entry: LayerEntry, layer: number, where: string): void {
    switch (entry.kind) {
      case 'whiteout':
        { this.whiteout(entry.path, layer); return; }
      case 'opaque':
        { this.opaque(entry.path, layer); return; }
      case 'hardlink':
        { this.hardlink(entry.path, entry.target, entry.mode, layer, where); return; }
      default:
        { this.add(entry, layer, where); return; }
    }
  }

  private add(entry: Exclude<LayerEntry, { kind: 'whiteout' | 'opaque' | 'hardlink' }>, layer: number, where: string): void {
    const parent = this.parentDir(entry.path, layer, where);
    const name = baseName(entry.path);
    const existing = parent.children.get(name);
    if (entry.kind === 'dir') {
      if (existing?.kind === 'dir') {
        existing.mode = entry.mode;
        existing.touched = layer;
        if (existing.layer < layer) existing.layer = layer;
        return;
      }
      this.checkDuplicate(existing, entry.path, layer, where);
      parent.children.set(name, { kind: 'dir', children: new Map(), layer, touched: layer, mode: entry.mode });
      return;
    }
    this.checkDuplicate(existing, entry.path, layer, where);
    if (entry.kind === 'symlink') {
      parent.children.set(name, { kind: 'symlink', target: entry.target, layer, touched: layer, mode: entry.mode });
    } else if (entry.kind === 'other') {
      parent.children.set(name, { kind: 'other', layer, touched: layer, mode: entry.mode });
    } else {
      // A rewritten file keeps the versions lower layers wrote, so analyzers can date each record.
      const earlier = existing?.kind === 'file' ? existing.versions : [];
      const versions = entry.content === undefined ? [] : [...earlier, { layer, content: entry.content }];
      parent.children.set(name, {
        kind: 'file', size: entry.size, versions, layer, touched: layer, mode: entry.mode,
        ...(entry.skipped === undefined ? {} : { skipped: entry.skipped }),
      });
    }
  }

  /**
   * A tar never holds two entries for one path in one layer (except directories re-stated); two
   * would make the scanner and the runtime see different files, so it is refused.
   */
  private checkDuplicate(existing: Node | undefined, path: string, layer: number, where: string): void {
    if (existing !== undefined && existing.layer === layer && existing.kind !== 'dir') {
      throw new ImageError('layer-hostile', `${where}: "${printable(path)}" appears twice in the same layer`);
    }
  }

  /** A hard link names a file already in the image (this layer or below), literally, never through a symlink. */
  private hardlink(path: string, target: string, mode: number, layer: number, where: string): void {
    const node = this.lookupLiteral(target);
    if (node === undefined) throw new ImageError('layer-hostile', `${where}: hard link "${printable(path)}" points at "${printable(target)}", which is not in the image`);
    if (node.kind === 'dir') throw new ImageError('layer-hostile', `${where}: hard link "${printable(path)}" points at a directory`);
    const parent = this.parentDir(path, layer, where);
    const name = baseName(path);
    this.checkDuplicate(parent.children.get(name), path, layer, where);
    const copy: Node = node.kind === 'file'
      ? { kind: 'file', size: node.size, versions: node.versions.slice(-1).map((v) => ({ layer, content: v.content })), layer, touched: layer, mode, ...(node.skipped === undefined ? {} : { skipped: node.skipped }) }
      : node.kind === 'symlink' ? { kind: 'symlink', target: node.target, layer, touched: layer, mode } : { kind: 'other', layer, touched: layer, mode };
    parent.children.set(name, copy);
  }

  /**
   * The directory an entry goes into. Missing parents are created (tars may omit them); a parent
   * that is a symlink is refused: writing "through" a link is how extraction escapes its root.
   */
  private parentDir(path: string, layer: number, where: string): DirNode {
    let dir = this.root;
    dir.touched = layer;
    for (const part of splitPath(parentOf(path))) {
      const child = dir.children.get(part);
      if (child?.kind === 'dir') {
        child.touched = layer;
        dir = child;
        continue;
      }
      if (child?.kind === 'symlink') {
        throw new ImageError('layer-hostile', `${where}: entry "${printable(path)}" is written through the symbolic link "${printable(part)}" (-> ${printable(child.target)}): a symlink escape`);
      }
      const created: DirNode = { kind: 'dir', children: new Map(), layer, touched: layer, mode: 0o755 };
      dir.children.set(part, created);
      dir = created;
    }
    return dir;
  }

  private whiteout(path: string, layer: number): void {
    const parent = this.lookupLiteral(parentOf(path));
    if (parent?.kind !== 'dir') return;
    const name = baseName(path);
    const node = parent.children.get(name);
    if (node === undefined) return;
    if (node.touched < layer) parent.children.delete(name);
    else if (node.kind === 'dir') pruneLower(node, layer);
  }

  private opaque(path: string, layer: number): void {
    const node = this.lookupLiteral(path);
    if (node?.kind === 'dir') pruneLower(node, layer);
  }

  /** The node at `path` without following any symlink. */
  lookupLiteral(path: string): Node | undefined {
    let node: Node = this.root;
    for (const part of splitPath(path)) {
      if (node.kind !== 'dir') return undefined;
      const child: Node | undefined = node.children.get(part);
      if (child === undefined) return undefined;
      node = child;
    }
    return node;
  }

  /**
   * The node `path` names, following symlinks in every component with chroot semantics.
   * Returns the resolved absolute path as well; undefined when missing or looping.
   */
  resolve(path: string): { path: string; node: Node } | undefined {
    const pending = splitPath(path).reverse();
    const stack: { name: string; node: DirNode }[] = [];
    let current: Node = this.root;
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.pop();
      if (part === undefined || part === '.') continue;
      if (part === '..') {
        const up = stack.pop();
        current = up === undefined ? this.root : up.node;
        continue;
      }
      if (current.kind !== 'dir') return undefined;
      const child: Node | undefined = current.children.get(part);
      if (child === undefined) return undefined;
      if (child.kind === 'symlink') {
        hops += 1;
        if (hops > MAX_SYMLINK_HOPS) return undefined;
        pending.push(...splitPath(child.target).reverse());
        if (child.target.startsWith('/')) {
          stack.length = 0;
          current = this.root;
        }
        continue;
      }
      stack.push({ name: part, node: current });
      current = child;
    }
    return { path: `/${stack.map((s) => s.name).join('/')}`, node: current };
  }

  /** The current content of a buffered file, following symlinks. */
  read(path: string): Buffer | undefined {
    const found = this.resolve(path);
    if (found?.node.kind !== 'file') return undefined;
    return found.node.versions.at(-1)?.content;
  }

  /** Every regular file, depth first in name order (deterministic output). */
  *files(): Generator<{ path: string; node: FileNode }> {
    const walk = function* (dir: DirNode, prefix: string): Generator<{ path: string; node: FileNode }> {
      for (const name of [...dir.children.keys()].sort()) {
        const child = dir.children.get(name);
        if (child === undefined) continue;
        const path = `${prefix}/${name}`;
        if (child.kind === 'file') yield { path, node: child };
        else if (child.kind === 'dir') yield* walk(child, path);
      }
    };
    yield* walk(this.root, '');
  }
}

/** Removes what lower layers put under `dir`, keeping what layer `layer` itself added. */
function pruneLower(dir: DirNode, layer: number): void {
  for (const [name, child] of dir.children) {
    if (child.touched < layer) dir.children.delete(name);
    // A directory this layer wrote into: its lower contents are hidden too, its new ones stay.
    else if (child.kind === 'dir') pruneLower(child, layer);
  }
}
