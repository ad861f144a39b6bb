/**
 * `dir:PATH`: a root file system on disk (debootstrap output, an unpacked image) read as a single
 * layer. Symbolic links are recorded, never followed, so a link to /etc/shadow in the tree names
 * the tree's own /etc/shadow, not the host's; files are opened with O_NOFOLLOW, so one replaced
 * by a link after it was listed is not followed either. Files are read synchronously (many small
 * reads), but for one too big to buffer that an analyzer reads as a stream.
 *
 * An unpacked image is usually owned by root with some directories closed to others (/root,
 * /etc/ssl/private): what cannot be read is reported through `onUnreadable` and the rest of the
 * tree is still read. Only an unreadable root refuses the target. Kernel pseudo file systems
 * mounted in the tree (/proc, /sys of `dir:/`) are not walked.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats, statfsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { errorCode } from '../walk.js';
import type { LayerEntry, ReadBudget } from './layer-reader.js';
import type { ImageLimits } from './limits.js';
import { ImageError } from './problems.js';

export interface DirReadOptions {
  readonly limits: ImageLimits;
  readonly budget: ReadBudget;
  readonly wants: (path: string, mode: number) => boolean;
  readonly condense?: (path: string, mode: number, content: Buffer) => Buffer | undefined;
  /** For a wanted file over the buffering limit: a reader of its stream, when one applies (see LayerReadOptions). */
  readonly condenseStream?: (path: string, mode: number) => ((size: number, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>) | undefined;
  readonly onEntry: (entry: LayerEntry) => void;
  readonly inspect?: { readonly wants: (path: string, size: number) => boolean; readonly onFile: (path: string, content: Buffer) => void };
  /** A directory or file of the tree that could not be read (permissions, removed meanwhile). */
  readonly onUnreadable: (path: string, reason: string) => void;
}

/**
 * Kernel pseudo file systems (statfs f_type): proc, sysfs, cgroup v1/v2, devpts, debugfs, tracefs,
 * securityfs, bpf, configfs, pstore, mqueue. Mounted in a tree (`dir:/` on a host, a chroot with
 * its own /proc), they hold no image content, only process and kernel state (/proc/PID/exe links
 * that cannot be read, /proc/kcore), so they are not walked, as Trivy's rootfs scan skips them.
 */
const PSEUDO_FILESYSTEMS = new Set([0x9fa0, 0x62656572, 0x27e0eb, 0x63677270, 0x1cd1, 0x64626720, 0x74726163, 0x73636673, 0xcafe4a11, 0x62656570, 0x6165676c, 0x19800202]);

function isPseudoFilesystem(path: string): boolean {
  try {
    return PSEUDO_FILESYSTEMS.has(statfsSync(path).type);
  } catch {
    return false;
  }
}

export async function readRootDir(root: string, options: DirReadOptions): Promise<void> {
  const rootDevice = devOf(root);
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relative = pending.pop() ?? '';
    let names: string[];
    try {
      names = readdirSync(join(root, relative)).sort();
    } catch (error) {
      if (relative === '') throw new ImageError('image-not-found', `cannot read directory ${root}: ${errorCode(error)}`);
      options.onUnreadable(relative, `cannot list the directory: ${errorCode(error)}`);
      continue;
    }
    for (const name of names) {
      const path = `${relative}/${name}`;
      options.budget.entries += 1;
      if (options.budget.entries > options.limits.maxEntries) throw new ImageError('layer-limit', `${root}: more than ${options.limits.maxEntries} files`);
      const full = join(root, path);
      let stats: Stats;
      try {
        stats = lstatSync(full);
      } catch (error) {
        options.onUnreadable(path, errorCode(error));
        continue;
      }
      const mode = stats.mode & 0o7777;
      if (stats.isDirectory()) {
        options.onEntry({ kind: 'dir', path, mode });
        // Only a mount point (another device than the root's) can be a pseudo file system.
        if (stats.dev === rootDevice || !isPseudoFilesystem(full)) pending.push(path);
      } else if (stats.isSymbolicLink()) {
        const target = linkTarget(full);
        if (typeof target === 'string') options.onEntry({ kind: 'symlink', path, mode, target });
        else options.onUnreadable(path, `cannot read the link: ${errorCode(target.error)}`);
      } else if (stats.isFile()) {
        const entry = fileEntry(full, path, stats.size, mode, options);
        options.onEntry(entry instanceof Promise ? await entry : entry);
      } else {
        options.onEntry({ kind: 'other', path, mode });
      }
    }
  }
}

function devOf(path: string): number | undefined {
  try {
    return lstatSync(path).dev;
  } catch {
    return undefined;
  }
}

/** A link's target, or why it could not be read (it was removed after listing; /proc/PID/exe of a kernel thread). */
function linkTarget(full: string): string | { error: unknown } {
  try {
    return readlinkSync(full);
  } catch (error) {
    return { error };
  }
}

/** The entry of a file; a promise only for one read as a stream (most are read at once). */
function fileEntry(full: string, path: string, size: number, mode: number, options: DirReadOptions): LayerEntry | Promise<LayerEntry> {
  const unreadable = (error: unknown): LayerEntry => {
    options.onUnreadable(path, `cannot read the file: ${errorCode(error)}`);
    return { kind: 'file', path, size, mode };
  };
  try {
    const entry = readFileEntry(full, path, size, mode, options);
    return entry instanceof Promise ? entry.catch(unreadable) : entry;
  } catch (error) {
    return unreadable(error);
  }
}

function readFileEntry(full: string, path: string, size: number, mode: number, options: DirReadOptions): LayerEntry | Promise<LayerEntry> {
  const { limits, budget } = options;
  const inspector = options.inspect;
  const inspect = inspector !== undefined && inspector.wants(path, size) && size <= limits.maxBufferedFileBytes;
  if (!options.wants(path, mode)) {
    if (inspect) inspector.onFile(path, readWhole(full, size));
    return { kind: 'file', path, size, mode };
  }
  // Too big to buffer, but an analyzer reads it as a stream (Go build info, a fat jar), as from a layer.
  const streamed = size > limits.maxBufferedFileBytes ? options.condenseStream?.(path, mode) : undefined;
  if (streamed !== undefined) return streamedEntry(full, path, size, mode, streamed, options);
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

async function streamedEntry(full: string, path: string, size: number, mode: number, reader: (size: number, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>, options: DirReadOptions): Promise<LayerEntry> {
  const { limits, budget } = options;
  const kept = await reader(size, fileChunks(full, size));
  if (kept === undefined) return { kind: 'file', path, size, mode };
  if (budget.bufferedBytes + kept.length > limits.maxBufferedBytes) {
    return { kind: 'file', path, size, mode, skipped: `the image's buffering budget of ${limits.maxBufferedBytes} bytes is spent` };
  }
  budget.bufferedBytes += kept.length;
  return { kind: 'file', path, size, mode, content: kept };
}

/** The file's first `size` bytes in chunks of a mebibyte, opened without following a link. */
async function* fileChunks(full: string, size: number): AsyncGenerator<Buffer> {
  const handle = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    for (let offset = 0; offset < size; ) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, size - offset));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
      if (bytesRead === 0) return;
      offset += bytesRead;
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** At most `size` bytes (the size measured by lstat): a file that grows meanwhile is not read further. */
function readWhole(full: string, size: number): Buffer {
  const fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW);
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
