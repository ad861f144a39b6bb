/**
 * FileAccess over a tar archive on disk (oci-archive, docker-archive). The archive is indexed once
 * by reading its headers and seeking past the data, so a multi-GB archive costs a few reads, and
 * each blob is then streamed straight from its offset. Symbolic links between entries (the legacy
 * `ID/layer.tar -> ../HEX.tar` of docker/podman save) are followed inside the archive only.
 */
import { closeSync, createReadStream, createWriteStream, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Compression, decompress, sniffCompression } from './decompress.js';
import type { FileAccess } from './file-access.js';
import type { ImageLimits } from './limits.js';
import { ImageError } from './problems.js';

interface ArchiveEntry {
  readonly offset: number;
  readonly size: number;
  readonly type: 'file' | 'symlink' | 'hardlink' | 'other';
  readonly link: string;
}

const BLOCK = 512;
/** An image archive holds a handful of files per layer; far more means it is not one. */
const MAX_ARCHIVE_ENTRIES = 100_000;
const MAX_LINK_HOPS = 16;

/**
 * An archive as `docker save | gzip` (or zstd) leaves it, as skopeo and Trivy read it: a compressed
 * archive cannot be indexed in place (its members are read by offset), so it is inflated once into
 * a private spool (mode 0600 in a fresh mkdtemp directory, never unpacked, bounded by the image-size
 * and compression-ratio limits, removed by `close`), as the docker-daemon export is.
 */
export async function openArchive(file: string, limits: ImageLimits): Promise<{ access: FileAccess; close?: () => void }> {
  const compression = sniffCompression(readHead(file));
  if (compression === 'none') return { access: archiveAccess(file) };
  const dir = mkdtempSync(join(tmpdir(), 'palisade-archive-'));
  const close = (): void => { rmSync(dir, { recursive: true, force: true }); };
  try {
    const spool = join(dir, 'image.tar');
    await inflateTo(file, compression, spool, limits);
    return { access: archiveAccess(spool, file), close };
  } catch (error) {
    close();
    throw error;
  }
}

/** The archive opened for reading; a file that cannot be opened is image-not-found, named by `label`. */
function openForReading(file: string, label: string): number {
  try {
    return openSync(file, 'r');
  } catch {
    throw new ImageError('image-not-found', `cannot open ${label}`);
  }
}

function readHead(file: string): Buffer {
  const fd = openForReading(file, file);
  try {
    const head = Buffer.alloc(4);
    return head.subarray(0, readSync(fd, head, 0, 4, 0));
  } finally {
    closeSync(fd);
  }
}

async function inflateTo(file: string, compression: Compression, spool: string, limits: ImageLimits): Promise<void> {
  let compressed = 0;
  let inflated = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
      compressed += chunk.length;
      yield chunk;
    }
  }
  async function* bounded(): AsyncGenerator<Buffer> {
    for await (const chunk of decompress(counted(), compression)) {
      inflated += chunk.length;
      if (inflated > limits.maxTotalBytes) throw new ImageError('layer-limit', `${file}: decompresses to more than the image-size limit of ${limits.maxTotalBytes} bytes`);
      if (inflated > limits.ratioGraceBytes && inflated > compressed * limits.maxCompressionRatio) {
        throw new ImageError('layer-limit', `${file}: decompresses more than ${limits.maxCompressionRatio} times its size: a decompression bomb`);
      }
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(bounded()), createWriteStream(spool, { mode: 0o600 }));
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('image-invalid', `${file}: the ${compression} archive is corrupt or truncated (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** `label` names the archive in messages when `file` is a spool of it. */
export function archiveAccess(file: string, label: string = file): FileAccess {
  const entries = indexArchive(file, label);
  const find = (path: string): ArchiveEntry | undefined => {
    let name = clean(path, label);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop += 1) {
      const entry = entries.get(name);
      if (entry === undefined) return undefined;
      if (entry.type === 'file') return entry;
      if (entry.type === 'other') return undefined;
      name = entry.type === 'symlink' ? clean(posix.join(posix.dirname(name), entry.link), label) : clean(entry.link, label);
    }
    throw new ImageError('image-invalid', `${label}: links loop at "${path}"`);
  };
  const required = (path: string): ArchiveEntry => {
    const entry = find(path);
    if (entry === undefined) throw new ImageError('image-invalid', `${label}: the archive has no file "${path}"`);
    return entry;
  };
  return {
    label,
    size: (path) => find(path)?.size,
    read(path, maxBytes) {
      const entry = required(path);
      if (entry.size > maxBytes) throw new ImageError('image-invalid', `${label}: "${path}" has ${entry.size} bytes, over the limit of ${maxBytes} for a JSON document`);
      const fd = openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(entry.size);
        const n = readSync(fd, buffer, 0, entry.size, entry.offset);
        if (n !== entry.size) throw new ImageError('image-invalid', `${label}: "${path}" is truncated`);
        return buffer;
      } finally {
        closeSync(fd);
      }
    },
    stream(path) {
      const entry = required(path);
      if (entry.size === 0) return emptyStream();
      return createReadStream(file, { start: entry.offset, end: entry.offset + entry.size - 1, highWaterMark: 1024 * 1024 });
    },
  };
}

async function* emptyStream(): AsyncGenerator<Buffer> {
  // An empty file is a valid (if useless) blob.
}

/** Archive member names are relative; `..` may only cancel a component inside the archive. */
function clean(path: string, label: string): string {
  const normal = posix.normalize(`/${path}`);
  if (normal.startsWith('/..')) throw new ImageError('image-invalid', `${label}: "${path}" points outside the archive`);
  return normal.slice(1).replace(/\/$/, '');
}

function indexArchive(file: string, label: string): Map<string, ArchiveEntry> {
  const fd = openForReading(file, label);
  try {
    const total = fstatSync(fd).size;
    const entries = new Map<string, ArchiveEntry>();
    const header = Buffer.alloc(BLOCK);
    let offset = 0;
    let longName: string | undefined;
    let longLink: string | undefined;
    let pax: Map<string, string> | undefined;
    while (offset + BLOCK <= total) {
      if (readSync(fd, header, 0, BLOCK, offset) !== BLOCK) break;
      if (header.every((b) => b === 0)) break;
      verifyChecksum(header, label, offset);
      const type = String.fromCharCode(header[156] ?? 0);
      // A pax `size` record (how Go writes members over 8 GiB) replaces the header's size field,
      // also for finding the next header.
      const paxSize = 'xgLK'.includes(type) ? undefined : pax?.get('size');
      const size = paxSize === undefined || paxSize === '' ? parseSize(header, label, offset) : parsePaxSize(paxSize, label, offset);
      const dataOffset = offset + BLOCK;
      if (dataOffset + size > total) throw new ImageError('image-invalid', `${label}: truncated at byte ${offset} (entry needs ${size} bytes)`);
      offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
      if (type === 'L' || type === 'K' || type === 'x') {
        if (size > 1024 * 1024) throw new ImageError('image-invalid', `${label}: over-long extended header at byte ${dataOffset - BLOCK}`);
        const data = Buffer.alloc(size);
        readSync(fd, data, 0, size, dataOffset);
        if (type === 'L') longName = cString(data);
        else if (type === 'K') longLink = cString(data);
        else pax = parsePax(data);
        continue;
      }
      if (type === 'g') continue;
      const prefix = isUstar(header) ? cString(header.subarray(345, 500)) : '';
      const shortName = cString(header.subarray(0, 100));
      const name = pax?.get('path') ?? longName ?? (prefix === '' ? shortName : `${prefix}/${shortName}`);
      const link = pax?.get('linkpath') ?? longLink ?? cString(header.subarray(157, 257));
      longName = undefined;
      longLink = undefined;
      pax = undefined;
      if (entries.size >= MAX_ARCHIVE_ENTRIES) throw new ImageError('image-invalid', `${label}: more than ${MAX_ARCHIVE_ENTRIES} entries; this is not an image archive`);
      const kind = type === '0' || type === '\0' || type === '7' ? 'file' : type === '2' ? 'symlink' : type === '1' ? 'hardlink' : 'other';
      entries.set(clean(name, label), { offset: dataOffset, size, type: kind, link });
    }
    if (entries.size === 0) throw new ImageError('image-invalid', `${label}: not a tar archive, or an empty one`);
    return entries;
  } finally {
    closeSync(fd);
  }
}

function isUstar(header: Buffer): boolean {
  return header.subarray(257, 262).toString('latin1') === 'ustar';
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

/** Octal, or GNU base-256 (high bit set) for sizes over 8 GB. */
function parseSize(header: Buffer, file: string, offset: number): number {
  const field = header.subarray(124, 136);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i += 1) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = cString(field).trim();
  if (!/^[0-7]*$/.test(text)) throw new ImageError('image-invalid', `${file}: bad size field at byte ${offset}`);
  return text === '' ? 0 : parseInt(text, 8);
}

function parsePaxSize(text: string, file: string, offset: number): number {
  if (!/^\d{1,16}$/.test(text)) throw new ImageError('image-invalid', `${file}: bad pax size "${text.slice(0, 20)}" at byte ${offset}`);
  return Number(text);
}

function verifyChecksum(header: Buffer, file: string, offset: number): void {
  let sum = 0;
  for (let i = 0; i < BLOCK; i += 1) sum += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  const stored = parseInt(cString(header.subarray(148, 156)).trim(), 8);
  if (stored !== sum) throw new ImageError('image-invalid', `${file}: not a tar archive (bad header checksum at byte ${offset})`);
}

/** PAX records: "LEN key=value\n". */
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space === -1) break;
    const length = parseInt(data.subarray(i, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, i + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq > 0) records.set(record.slice(0, eq), record.slice(eq + 1));
    i += length;
  }
  return records;
}
