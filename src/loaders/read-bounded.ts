/**
 * Reading inputs without trusting their size: a regular file is measured before it is read (a
 * 200 MB file is refused without loading it), and a stream (stdin, a pipe, a device) is read in
 * chunks and abandoned as soon as it passes the limit.
 *
 * Regular files are read synchronously on purpose: a scan reads thousands of small files and
 * parses each at once, and the thread-pool round trips of the async API (open, stat, read, close)
 * cost more than the reads themselves. Each read is bounded by the size limit.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type ReadOutcome =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too-large'; readonly bytes: number }
  | { readonly kind: 'binary' };

/**
 * Reads a file or a device/pipe path; throws only for errors of the file system (ENOENT, EACCES).
 * A regular file is read as it was when measured: bytes appended meanwhile are not read.
 */
export function readFileBounded(path: string, maxBytes: number): ReadOutcome {
  const fd = openSync(path, 'r');
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return readChunks(fd, maxBytes);
    if (stats.size > maxBytes) return { kind: 'too-large', bytes: stats.size };
    const buffer = Buffer.allocUnsafe(stats.size);
    let total = 0;
    while (total < buffer.length) {
      const read = readSync(fd, buffer, total, buffer.length - total, null);
      if (read === 0) break;
      total += read;
    }
    return decode(total === buffer.length ? buffer : buffer.subarray(0, total));
  } finally {
    closeSync(fd);
  }
}

/** A pipe or a device: read until its end or past the limit, whichever comes first. */
function readChunks(fd: number, maxBytes: number): ReadOutcome {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, maxBytes + 1 - total));
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    total += read;
    if (total > maxBytes) return { kind: 'too-large', bytes: total };
    chunks.push(chunk.subarray(0, read));
  }
  return decode(Buffer.concat(chunks, total));
}

/** Reads a stream up to the limit; past it, stops listening and reports the input as too large. */
export async function readStreamBounded(stream: NodeJS.ReadableStream, maxBytes: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) return { kind: 'too-large', bytes: total };
    chunks.push(buffer);
  }
  return decode(Buffer.concat(chunks, total));
}

/**
 * NUL bytes never occur in YAML or JSON text, and always in binaries. UTF-16 text holds them too,
 * but with a byte order mark it is text kubectl reads: every file it opens is transcoded
 * (cli-runtime's FileVisitor, BOMOverride, since Kubernetes 1.6), and Windows PowerShell's `>`
 * writes manifests that way. Skipped as binary, such a file was applied unscanned.
 */
function decode(buffer: Buffer): ReadOutcome {
  const text = utf16WithMark(buffer) ?? (buffer.includes(0) ? undefined : buffer.toString('utf8'));
  // A NUL in decoded UTF-16 (UTF-32 looks like UTF-16 with NULs) is a binary all the same.
  if (text === undefined || text.includes('\0')) return { kind: 'binary' };
  return { kind: 'text', text };
}

/** The text of a UTF-16 buffer that starts with its byte order mark (kept, as in UTF-8 text: the parser drops it). */
function utf16WithMark(buffer: Buffer): string | undefined {
  if (buffer.length < 2) return undefined;
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.toString('utf16le');
  if (buffer[0] !== 0xfe || buffer[1] !== 0xff) return undefined;
  // Big-endian: swap each pair into a copy (the buffer may be shared), an odd last byte dropped.
  const swapped = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return swapped.swap16().toString('utf16le');
}

/** The first `bytes` bytes of a file (fewer when it is shorter), to tell what it is before reading it whole. */
export function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
