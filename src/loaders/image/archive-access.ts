/**
 * FileAccess over a tar archive on disk (oci-archive, docker-archive). The archive is indexed once
 * by reading its headers and seeking past the data, so a multi-GB archive costs a few reads, and
 * each blob is then streamed straight from its offset. Symbolic links between entries (the legacy
 * `ID/layer.tar -> ../HEX.tar` of docker/podman save) are followed inside the archive only.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { posix } from 'node:path';
import type { FileAccess } from './file-access.js';
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

export function archiveAccess(file: string): FileAccess {
  const entries = indexArchive(file);
  const find = (path: string): ArchiveEntry | undefined => {
    let name = clean(path, file);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop += 1) {
      const entry = entries.get(name);
      if (entry === undefined) return undefined;
      if (entry.type === 'file') return entry;
      if (entry.type === 'other') return undefined;
      name = entry.type === 'symlink' ? clean(posix.join(posix.dirname(name), entry.link), file) : clean(entry.link, file);
    }
    throw new ImageError('image-invalid', `${file}: links loop at "${path}"`);
  };
  const required = (path: string): ArchiveEntry => {
    const entry = find(path);
    if (entry === undefined) throw new ImageError('image-invalid', `${file}: the archive has no file "${path}"`);
    return entry;
  };
  return {
    label: file,
    size: (path) => find(path)?.size,
    read(path, maxBytes) {
      const entry = required(path);
      if (entry.size > maxBytes) throw new ImageError('image-invalid', `${file}: "${path}" has ${entry.size} bytes, over the limit of ${maxBytes} for a JSON document`);
      const fd = openSync(file, 'r');
      try {
        const buffer = Buffer.alloc(entry.size);
        const n = readSync(fd, buffer, 0, entry.size, entry.offset);
        if (n !== entry.size) throw new ImageError('image-invalid', `${file}: "${path}" is truncated`);
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
function clean(path: string, file: string): string {
  const normal = posix.normalize(`/${path}`);
  if (normal.startsWith('/..')) throw new ImageError('image-invalid', `${file}: "${path}" points outside the archive`);
  return normal.slice(1).replace(/\/$/, '');
}

function indexArchive(file: string): Map<string, ArchiveEntry> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new ImageError('image-not-found', `cannot open ${file}`);
  }
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
      verifyChecksum(header, file, offset);
      const type = String.fromCharCode(header[156] ?? 0);
      // A pax `size` record (how Go writes members over 8 GiB) replaces the header's size field,
      // also for finding the next header.
      const paxSize = 'xgLK'.includes(type) ? undefined : pax?.get('size');
      const size = paxSize === undefined || paxSize === '' ? parseSize(header, file, offset) : parsePaxSize(paxSize, file, offset);
      const dataOffset = offset + BLOCK;
      if (dataOffset + size > total) throw new ImageError('image-invalid', `${file}: truncated at byte ${offset} (entry needs ${size} bytes)`);
      offset = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
      if (type === 'L' || type === 'K' || type === 'x') {
        if (size > 1024 * 1024) throw new ImageError('image-invalid', `${file}: over-long extended header at byte ${dataOffset - BLOCK}`);
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
      if (entries.size >= MAX_ARCHIVE_ENTRIES) throw new ImageError('image-invalid', `${file}: more than ${MAX_ARCHIVE_ENTRIES} entries; this is not an image archive`);
      const kind = type === '0' || type === '\0' || type === '7' ? 'file' : type === '2' ? 'symlink' : type === '1' ? 'hardlink' : 'other';
      entries.set(clean(name, file), { offset: dataOffset, size, type: kind, link });
    }
    if (entries.size === 0) throw new ImageError('image-invalid', `${file}: not a tar archive, or an empty one`);
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
