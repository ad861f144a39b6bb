/**
 * Streaming one layer: blob bytes -> digest check -> decompression (with ratio and size limits)
 * -> diff-id check -> tar entries. Nothing is written to disk and only the files an analyzer asked
 * for are buffered, so memory stays bounded by the limits whatever the layer holds.
 */
import { decompress, sniffCompression, type Compression } from './decompress.js';
import { inlineDigester, type DigestAlgorithm, type Digester, type StreamDigest } from './parallel-digest.js';
import { baseName, normalizeEntryPath, OPAQUE_MARKER, parentOf, printable, WHITEOUT_PREFIX } from './entry-path.js';
import type { ImageLimits } from './limits.js';
import { ImageError } from './problems.js';
import { DecompressLimitError } from './zstd-guard.js';
import { TarFormatError, TarReader, type TarHeader } from './tar-reader.js';

export type LayerEntry =
  | { readonly kind: 'file'; readonly path: string; readonly size: number; readonly mode: number; readonly content?: Buffer; readonly skipped?: string }
  | { readonly kind: 'dir'; readonly path: string; readonly mode: number }
  | { readonly kind: 'other'; readonly path: string; readonly mode: number }
  | { readonly kind: 'symlink'; readonly path: string; readonly mode: number; readonly target: string }
  | { readonly kind: 'hardlink'; readonly path: string; readonly mode: number; readonly target: string }
  /** `.wh.NAME`: NAME (the path given here) is deleted from lower layers. */
  | { readonly kind: 'whiteout'; readonly path: string }
  /** `.wh..wh..opq`: the lower layers' contents of this directory are hidden. */
  | { readonly kind: 'opaque'; readonly path: string };

/** Counters shared by all layers of one image, so the image-wide limits hold. */
export interface ReadBudget {
  entries: number;
  bufferedBytes: number;
  totalBytes: number;
}

export function newBudget(): ReadBudget {
  return { entries: 0, bufferedBytes: 0, totalBytes: 0 };
}

export interface LayerReadOptions {
  /** Names the layer in messages, e.g. "layer 2 (sha256:ab12…)". */
  readonly label: string;
  /** Digest of the blob as stored; verified at the end of the stream. */
  readonly digest?: string;
  /** Digest of the uncompressed tar (config rootfs.diff_ids); verified at the end of the stream. */
  readonly diffId?: string;
  readonly limits: ImageLimits;
  readonly budget: ReadBudget;
  /** The cheap path (and mode) filter of the analyzers: only these files are read into memory. */
  readonly wants: (path: string, mode: number) => boolean;
  /** Reduces a wanted file to what is kept (undefined: nothing), so big binaries are not retained. */
  readonly condense?: (path: string, mode: number, content: Buffer) => Buffer | undefined;
  /** For a wanted file over the buffering limit: a reader of its stream, when one applies. */
  readonly condenseStream?: (path: string, mode: number) => ((size: number, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>) | undefined;
  readonly onEntry: (entry: LayerEntry) => void;
  /** A second, size-aware filter for files that are read, handed over and dropped (secret scanning). */
  readonly inspect?: { readonly wants: (path: string, size: number) => boolean; readonly onFile: (path: string, content: Buffer) => void };
  /** Blob bytes read so far in this layer, for progress display. */
  readonly onBytes?: (bytes: number) => void;
  /** Where digests are computed (a worker for big layers); in place by default. */
  readonly digester?: Digester;
  /** The blob's size as its descriptor states, so the digester can choose (0: unknown). */
  readonly expectedBytes?: number;
}

export interface LayerStats {
  readonly compression: Compression;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  readonly entries: number;
  readonly diffId: string;
}

export async function readLayer(blob: AsyncIterable<Buffer>, options: LayerReadOptions): Promise<LayerStats> {
  const { label, limits, budget } = options;
  let compressedBytes = 0;
  let uncompressedBytes = 0;

  const { head, rest } = await peek(blob, 4);
  const compression = sniffCompression(head);
  const { blobDigest, tarDigest } = startDigests(options, compression);
  async function* hashedInput(): AsyncGenerator<Buffer> {
    for await (const chunk of rest) {
      compressedBytes += chunk.length;
      options.onBytes?.(compressedBytes);
      const room = blobDigest?.update(chunk);
      if (room !== undefined) await room;
      yield chunk;
    }
  }
  async function* tarBytes(): AsyncGenerator<Buffer> {
    for await (const chunk of decompress(hashedInput(), compression)) {
      uncompressedBytes += chunk.length;
      budget.totalBytes += chunk.length;
      if (compression !== 'none' && uncompressedBytes > limits.ratioGraceBytes && uncompressedBytes > compressedBytes * limits.maxCompressionRatio) {
        throw new ImageError('layer-limit', `${label}: decompresses more than ${limits.maxCompressionRatio} times its compressed size (${uncompressedBytes} bytes from ${compressedBytes}): a decompression bomb`);
      }
      if (budget.totalBytes > limits.maxTotalBytes) {
        throw new ImageError('layer-limit', `${label}: the image's uncompressed size passes the limit of ${limits.maxTotalBytes} bytes`);
      }
      if (tarDigest !== blobDigest) {
        const room = tarDigest.update(chunk);
        if (room !== undefined) await room;
      }
      yield chunk;
    }
  }

  const entries = await extractEntries(tarBytes(), options);
  if (compressedBytes === 0) throw new ImageError('layer-corrupt', `${label}: the blob is empty`);
  const [blobActual, diffId] = await Promise.all([blobDigest?.digest(), tarDigest === blobDigest ? undefined : tarDigest.digest()]);
  if (blobActual !== undefined && options.digest !== undefined && blobActual !== options.digest) {
    throw new ImageError('digest-mismatch', `${label}: blob has digest ${blobActual}, expected ${options.digest}`);
  }
  const tarActual = diffId ?? blobActual ?? '';
  if (options.diffId !== undefined && tarActual !== options.diffId) {
    throw new ImageError('digest-mismatch', `${label}: uncompressed layer has digest ${tarActual}, but the image config lists ${options.diffId}`);
  }
  return { compression, compressedBytes, uncompressedBytes, entries, diffId: tarActual };
}

/**
 * The blob digest (when the source names one) and the tar digest (always: it is the layer's diff
 * id). Both are verified, neither is redundant: the blob digest proves the bytes are the ones the
 * manifest names, and the diff id proves the unpacked content is the one the config (the image's
 * identity) names; runtimes key unpacked layers by diff id (containerd reuses a snapshot whose
 * chain id matches without unpacking the blob), so a config whose diff ids disagree with its
 * blobs would run content other than what was scanned. An uncompressed blob is its own tar: one
 * digest serves both when the algorithms agree.
 */
function startDigests(options: LayerReadOptions, compression: Compression): { blobDigest: StreamDigest | undefined; tarDigest: StreamDigest } {
  const digester = options.digester ?? inlineDigester();
  const expected = options.expectedBytes ?? 0;
  const algorithmOf = (digest: string | undefined): DigestAlgorithm => (digest?.startsWith('sha512:') === true ? 'sha512' : 'sha256');
  const blobDigest = options.digest === undefined ? undefined : digester.start(algorithmOf(options.digest), expected);
  if (blobDigest !== undefined && compression === 'none' && algorithmOf(options.digest) === algorithmOf(options.diffId)) return { blobDigest, tarDigest: blobDigest };
  return { blobDigest, tarDigest: digester.start(algorithmOf(options.diffId), expected) };
}

/** Reads the first `n` bytes for sniffing and gives back a stream that still starts with them. */
async function peek(input: AsyncIterable<Buffer>, n: number): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const iterator = input[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    seen.push(next.value);
    length += next.value.length;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head: Buffer.concat(seen), rest: rest() };
}

/** Walks the tar entries, handing each to classify(); returns the entry count. */
async function extractEntries(bytes: AsyncGenerator<Buffer>, options: LayerReadOptions): Promise<number> {
  const tar = new TarReader(bytes);
  let count = 0;
  try {
    for (let header = await tar.next(); header !== undefined; header = await tar.next()) {
      count += 1;
      // Most entries need no reading: classify returns a promise only when one does.
      const reading = classify(tar, header, count, options);
      if (reading !== undefined) await reading;
    }
    // Whatever follows the end marker is still part of the blob and of its digests.
    await tar.finish();
  } catch (error) {
    // Stops the decompressor (its finally) when the error is not its own.
    await bytes.return(undefined);
    if (error instanceof ImageError) throw error;
    if (error instanceof DecompressLimitError) throw new ImageError('layer-limit', `${options.label}: ${error.message}`);
    const what = error instanceof TarFormatError ? `not a valid tar stream: ${error.message}` : error instanceof Error ? error.message : String(error);
    throw new ImageError('layer-corrupt', `${options.label}: ${what}`);
  }
  return count;
}

function classify(tar: TarReader, header: TarHeader, ordinal: number, options: LayerReadOptions): Promise<void> | undefined {
  const { limits, budget, label } = options;
  if (ordinal > limits.maxEntriesPerLayer) throw new ImageError('layer-limit', `${label}: more than ${limits.maxEntriesPerLayer} entries`);
  budget.entries += 1;
  if (budget.entries > limits.maxEntries) throw new ImageError('layer-limit', `the image has more than ${limits.maxEntries} entries (at ${label})`);
  // A pax global header ('g'): Go returns it as an entry, runtimes create nothing for it.
  if (header.type === 'global') return;
  // Built only for a message: this runs for every entry.
  const where = (): string => `${label}, entry ${ordinal}`;
  const path = normalizeEntryPath(header.name, limits.maxPathLength, where);
  if (path === undefined) return;
  const mode = header.mode;
  const base = baseName(path);
  if (base.startsWith(WHITEOUT_PREFIX)) {
    if (base === OPAQUE_MARKER) options.onEntry({ kind: 'opaque', path: parentOf(path) });
    // Other .wh..wh. names are aufs bookkeeping (hard-link dirs), not deletions.
    else if (!base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) {
      const name = base.slice(WHITEOUT_PREFIX.length);
      if (name === '' || name === '.' || name === '..') throw new ImageError('layer-hostile', `${where()}: whiteout "${printable(path)}" names no file`);
      options.onEntry({ kind: 'whiteout', path: `${parentOf(path) === '/' ? '' : parentOf(path)}/${name}` });
    }
    return;
  }
  switch (header.type) {
    case 'file':
      return readFile(tar, header.size, path, mode, options);
    case 'directory':
      options.onEntry({ kind: 'dir', path, mode }); return;
    case 'symlink': {
      const target = header.linkname;
      if (target === '' || target.length > limits.maxPathLength || target.includes('\0')) {
        throw new ImageError('layer-hostile', `${where()}: symlink "${printable(path)}" has an empty, over-long or NUL-bearing target`);
      }
      options.onEntry({ kind: 'symlink', path, mode, target }); return;
    }
    case 'link': {
      const target = normalizeEntryPath(header.linkname, limits.maxPathLength, () => `${where()} (hard link target)`);
      if (target === undefined) throw new ImageError('layer-hostile', `${where()}: hard link "${printable(path)}" points at the image root`);
      options.onEntry({ kind: 'hardlink', path, mode, target }); return;
    }
    default:
      // Devices, FIFOs: present in the tree, never read (the next entry skips any content).
      options.onEntry({ kind: 'other', path, mode }); return;
  }
}

/** A regular file: skipped (the next entry passes over it), or read when an analyzer or the inspector wants it. */
function readFile(tar: TarReader, size: number, path: string, mode: number, options: LayerReadOptions): Promise<void> | undefined {
  const { limits, budget, label } = options;
  if (size > limits.maxFileBytes) throw new ImageError('layer-limit', `${label}: file "${printable(path)}" declares ${size} bytes, over the limit of ${limits.maxFileBytes}`);
  const inspector = options.inspect;
  const inspect = inspector !== undefined && inspector.wants(path, size) && size <= limits.maxBufferedFileBytes ? inspector : undefined;
  if (!options.wants(path, mode)) {
    if (inspect !== undefined) return inspectOnly(tar, inspect, size, path, mode, options);
    options.onEntry({ kind: 'file', path, size, mode });
    return undefined;
  }
  // A condensed file is held only while it is condensed; the budget counts what is kept.
  const streamed = size > limits.maxBufferedFileBytes ? options.condenseStream?.(path, mode) : undefined;
  if (streamed !== undefined) return condenseStreamed(tar, streamed, size, path, mode, options);
  if (size > limits.maxBufferedFileBytes || (options.condense === undefined && budget.bufferedBytes + size > limits.maxBufferedBytes)) {
    options.onEntry({ kind: 'file', path, size, mode, skipped: `${size} bytes is over the buffering limit` });
    return undefined;
  }
  return readWanted(tar, inspect, size, path, mode, options);
}

/** Handed over and dropped: a view of the input chunk serves, no copy. */
async function inspectOnly(tar: TarReader, inspector: NonNullable<LayerReadOptions['inspect']>, size: number, path: string, mode: number, options: LayerReadOptions): Promise<void> {
  inspector.onFile(path, await tar.read(false));
  options.onEntry({ kind: 'file', path, size, mode });
}

/** What the stream reader leaves unread is skipped by the next entry. */
async function condenseStreamed(tar: TarReader, reader: (size: number, chunks: AsyncIterable<Buffer>) => Promise<Buffer | undefined>, size: number, path: string, mode: number, options: LayerReadOptions): Promise<void> {
  keep(await reader(size, tar.content()), path, size, mode, options);
}

/** Kept contents are copies, so they do not pin the decompressor's larger buffers. */
async function readWanted(tar: TarReader, inspector: LayerReadOptions['inspect'], size: number, path: string, mode: number, options: LayerReadOptions): Promise<void> {
  const content = await tar.read(true);
  inspector?.onFile(path, content);
  keep(options.condense === undefined ? content : options.condense(path, mode, content), path, size, mode, options);
}

/** Records a read file with what is kept of it, within the image's buffering budget. */
function keep(kept: Buffer | undefined, path: string, size: number, mode: number, options: LayerReadOptions): void {
  const { limits, budget } = options;
  if (kept === undefined) {
    options.onEntry({ kind: 'file', path, size, mode });
    return;
  }
  if (budget.bufferedBytes + kept.length > limits.maxBufferedBytes) {
    options.onEntry({ kind: 'file', path, size, mode, skipped: `the image's buffering budget of ${limits.maxBufferedBytes} bytes is spent` }); return;
  }
  budget.bufferedBytes += kept.length;
  options.onEntry({ kind: 'file', path, size, mode, content: kept });
}
