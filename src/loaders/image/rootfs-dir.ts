/**
 * `dir:PATH`: a root file system on disk (debootstrap output, an unpacked image) read as a single
 * layer. Symbolic links are recorded, never followed, so a link to /etc/shadow in the tree names
 * the tree's own /etc/shadow, not the host's. Files are read synchronously (many small reads).
 */
import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { LayerEntry, ReadBudget } from './layer-reader.js';
import type { ImageLimits } from './limits.js';
import { ImageError } from './problems.js';

export interface DirReadOptions {
  readonly limits: ImageLimits;
  readonly budget: ReadBudget;
  readonly wants: (path: string, mode: number) => boolean;
  readonly condense?: (path: string, mode: number, content: Buffer) => Buffer | undefined;
  readonly onEntry: (entry: LayerEntry) => void;
  readonly inspect?: { readonly wants: (path: string, size: number) => boolean; readonly onFile: (path: string, content: Buffer) => void };
}

export function readRootDir(root: string, options: DirReadOptions): void {
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relative = pending.pop() ?? '';
    let names: string[];
    try {
      names = readdirSync(join(root, relative)).sort();
    } catch (error) {
      throw new ImageError('image-not-found', `cannot read directory ${join(root, relative)}: ${error instanceof Error ? error.message : String(error)}`);
    }
    for (const name of names) {
      const path = `${relative}/${name}`;
      options.budget.entries += 1;
      if (options.budget.entries > options.limits.maxEntries) throw new ImageError('layer-limit', `${root}: more than ${options.limits.maxEntries} files`);
      const full = join(root, path);
      const stats = lstatSync(full);
      const mode = stats.mode & 0o7777;
      if (stats.isDirectory()) {
        options.onEntry({ kind: 'dir', path, mode });
        pending.push(path);
      } else if (stats.isSymbolicLink()) {
        options.onEntry({ kind: 'symlink', path, mode, target: readlinkSync(full) });
      } else if (stats.isFile()) {
        options.onEntry(fileEntry(full, path, stats.size, mode, options));
      } else {
        options.onEntry({ kind: 'other', path, mode });
      }
    }
  }
}

function fileEntry(full: string, path: string, size: number, mode: number, options: DirReadOptions): LayerEntry {
  const { limits, budget } = options;
  const inspector = options.inspect;
  const inspect = inspector !== undefined && inspector.wants(path, size) && size <= limits.maxBufferedFileBytes;
  if (!options.wants(path, mode)) {
    if (inspect) inspector.onFile(path, readWhole(full, size));
    return { kind: 'file', path, size, mode };
  }
  const condense = options.condense;
  if (size > limits.maxBufferedFileBytes || (condense === undefined && budget.bufferedBytes + size > limits.maxBufferedBytes)) {
    return { kind: 'file', path, size, mode, skipped: `${size} bytes is over the buffering limit` };
  }
  const content = readWhole(full, size);
  if (inspect) inspector.onFile(path, content);
  const kept = condense === undefined ? content : condense(path, mode, content);
  if (kept === undefined) return { kind: 'file', path, size, mode };
  if (budget.bufferedBytes + kept.length > limits.maxBufferedBytes) {
    return { kind: 'file', path, size, mode, skipped: `the image's buffering budget of ${limits.maxBufferedBytes} bytes is spent` };
  }
  budget.bufferedBytes += kept.length;
  return { kind: 'file', path, size: content.length, mode, content: kept };
}

/** At most `size` bytes (the size measured by lstat): a file that grows meanwhile is not read further. */
function readWhole(full: string, size: number): Buffer {
  const fd = openSync(full, 'r');
  try {
    const content = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const n = readSync(fd, content, offset, size - offset, offset);
      if (n === 0) break;
      offset += n;
    }
    return content.subarray(0, offset);
  } finally {
    closeSync(fd);
  }
}
