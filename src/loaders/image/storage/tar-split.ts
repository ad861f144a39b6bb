/**
 * Rebuilding a layer's exact tar stream from a containers/storage store without running podman.
 * The store keeps, per layer, `ID.tar-split.gz` (tar-split's format: gzip of JSON lines, each a
 * raw byte segment of the original tar — headers, padding — `{"type":2,"payload":BASE64}`, or a
 * file reference `{"type":1,"name":...,"size":N}` whose bytes are the file of that name in the
 * layer's directory). Interleaving the two gives back the tar byte for byte, so the layer reader
 * verifies it against the image config's diff id like any other layer: a store that changed under
 * us is a digest mismatch, not a silently different inventory.
 *
 * File references come from the store's metadata, so they are opened inside the layer directory
 * only: no `..`, no symbolic link in any component (O_NOFOLLOW on the last, realpath on the rest).
 */
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { ImageError } from '../problems.js';

const SEGMENT = 2;
const FILE = 1;
/** A JSON line holds at most one tar header block run (PAX records included) in base64. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const SMALL_FILE = 1024 * 1024;

export async function* tarFromSplit(splitFile: string, layerDir: string, label: string): AsyncGenerator<Buffer> {
  const root = realpathSync(layerDir);
  for await (const line of jsonLines(splitFile, label)) {
    let entry: { type?: unknown; name?: unknown; name_raw?: unknown; size?: unknown; payload?: unknown };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      throw new ImageError('layer-corrupt', `${label}: ${splitFile} holds a line that is not JSON`);
    }
    if (entry.type === SEGMENT) {
      if (typeof entry.payload === 'string' && entry.payload !== '') yield Buffer.from(entry.payload, 'base64');
      continue;
    }
    if (entry.type !== FILE) throw new ImageError('layer-corrupt', `${label}: ${splitFile} has an entry of unknown type ${String(entry.type)}`);
    const size = typeof entry.size === 'number' ? entry.size : 0;
    if (size === 0) continue;
    const name = typeof entry.name_raw === 'string' ? Buffer.from(entry.name_raw, 'base64').toString('latin1') : typeof entry.name === 'string' ? entry.name : '';
    yield* fileBytes(root, name, size, label);
  }
}

async function* jsonLines(file: string, label: string): AsyncGenerator<string> {
  let rest = '';
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      rest += chunk.toString('utf8');
      let newline = rest.indexOf('\n');
      while (newline !== -1) {
        const line = rest.slice(0, newline);
        rest = rest.slice(newline + 1);
        if (line !== '') yield line;
        newline = rest.indexOf('\n');
      }
      if (rest.length > MAX_LINE_BYTES) throw new ImageError('layer-corrupt', `${label}: ${file} has a line over ${MAX_LINE_BYTES} bytes`);
    }
  } catch (error) {
    if (error instanceof ImageError) throw error;
    throw new ImageError('layer-corrupt', `${label}: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
  if (rest.trim() !== '') yield rest;
}

function openInside(root: string, name: string, label: string): number {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) throw new ImageError('layer-hostile', `${label}: the store's layer metadata names "${name}", outside the layer`);
  const full = join(root, ...parts);
  let parent: string;
  try {
    parent = realpathSync(dirname(full));
  } catch {
    throw new ImageError('layer-corrupt', `${label}: "${name}" is missing from the store's layer directory`);
  }
  if (parent !== root && !parent.startsWith(`${root}${sep}`)) throw new ImageError('layer-hostile', `${label}: "${name}" resolves outside the layer directory through a symbolic link`);
  try {
    return openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw new ImageError('layer-corrupt', `${label}: cannot open "${name}" in the store (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

async function* fileBytes(root: string, name: string, size: number, label: string): AsyncGenerator<Buffer> {
  const fd = openInside(root, name, label);
  let closed = false;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size !== size) throw new ImageError('layer-corrupt', `${label}: "${name}" in the store has ${stats.size} bytes, the layer recorded ${size}: the store changed`);
    if (size <= SMALL_FILE) {
      const buffer = Buffer.allocUnsafe(size);
      let offset = 0;
      while (offset < size) {
        const n = readSync(fd, buffer, offset, size - offset, offset);
        if (n === 0) throw new ImageError('layer-corrupt', `${label}: "${name}" in the store is shorter than recorded`);
        offset += n;
      }
      yield buffer;
      return;
    }
    closed = true;
    // The stream owns the descriptor from here on and closes it.
    yield* createReadStream('', { fd, start: 0, end: size - 1, highWaterMark: SMALL_FILE }) as AsyncIterable<Buffer>;
  } finally {
    if (!closed) closeSync(fd);
  }
}
