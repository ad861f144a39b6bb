/**
 * Reads the JSON documents of an import input: a file (.json, .jsonl), a directory of them
 * (recursively, symlinks not followed), or a zip such as osv.dev's per-ecosystem all.zip. Every
 * document is size-bounded; zip entry names are only ever used in messages, never as paths.
 */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import type { Problem } from '../../model/problem.js';
import { vulnProblem } from '../problems.js';
import { jsonErrorPlace } from '../../lib/json-error-offset.js';
import { BlockReader } from './zip-reader.js';
import { jsonErrorMessage } from '../../lib/json-error.js';

/** One OSV record is at most a few hundred KiB; the Debian tracker JSON is ~100 MiB today. */
export const LIMITS = { maxEntryBytes: 16 * 1024 * 1024, maxFileBytes: 512 * 1024 * 1024, maxDepth: 16 } as const;

export type InputItem =
  | { readonly kind: 'document'; readonly origin: string; readonly value: unknown; readonly line?: number }
  | { readonly kind: 'problem'; readonly problem: Problem };

/** Yields every JSON document in `path`, and problems for the unreadable ones. */
export async function* readInput(path: string): AsyncGenerator<InputItem> {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) {
    yield { kind: 'problem', problem: vulnProblem('import-unreadable', `${path} does not exist`, path) };
    return;
  }
  if (stat.isDirectory()) yield* readDirectory(path, 0);
  else yield* readFileInput(path, stat.size);
}

async function* readDirectory(directory: string, depth: number): AsyncGenerator<InputItem> {
  if (depth > LIMITS.maxDepth) return;
  const names = readdirSync(directory).sort();
  for (const name of names) {
    const full = join(directory, name);
    const stat = lstatSync(full);
    if (stat.isDirectory()) yield* readDirectory(full, depth + 1);
    else if (stat.isFile() && /\.(json|jsonl|zip)$/i.test(name)) yield* readFileInput(full, stat.size);
  }
}

async function* readFileInput(file: string, size: number): AsyncGenerator<InputItem> {
  if (/\.zip$/i.test(file)) {
    yield* readZip(file);
    return;
  }
  if (size > LIMITS.maxFileBytes) {
    yield { kind: 'problem', problem: vulnProblem('advisory-too-large', `${file} is ${size} bytes (limit ${LIMITS.maxFileBytes})`, file) };
    return;
  }
  const text = await readFile(file, 'utf8');
  yield* parseText(withoutBom(text), file, /\.jsonl$/i.test(file));
}

/** RFC 8259 lets a parser ignore a byte order mark; Windows tools (PowerShell 5) write one. */
function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function* parseText(text: string, origin: string, lines: boolean): Generator<InputItem> {
  if (!lines) {
    yield parseDocument(text, origin);
    return;
  }
  let lineNumber = 0;
  for (const line of text.split('\n')) {
    lineNumber++;
    if (line.trim() === '') continue;
    yield parseDocument(line, origin, lineNumber);
  }
}

function parseDocument(text: string, origin: string, line?: number): InputItem {
  try {
    return { kind: 'document', origin, value: JSON.parse(text) as unknown, ...(line === undefined ? {} : { line }) };
  } catch (error) {
    const at = jsonErrorPlace(text, line ?? 1);
    return { kind: 'problem', problem: vulnProblem('advisory-invalid', `invalid JSON: ${jsonErrorMessage(error)}`, origin, at?.line ?? line, at?.column) };
  }
}


async function* readZip(file: string): AsyncGenerator<InputItem> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file);
  } catch (error) {
    yield { kind: 'problem', problem: vulnProblem('import-unreadable', `${file} is not a readable zip: ${String(error)}`, file) };
    return;
  }
  try {
    for (;;) {
      let entry: yauzl.Entry | undefined;
      try {
        entry = await nextEntry(zip);
      } catch (error) {
        yield { kind: 'problem', problem: vulnProblem('advisory-invalid', `the zip is damaged, reading stopped: ${String(error)}`, file) };
        break;
      }
      if (entry === undefined) break;
      const name = entryName(entry);
      const origin = `${file}!${name}`;
      if (name.endsWith('/') || !/\.(json|jsonl)$/i.test(name)) continue;
      if (entry.uncompressedSize > LIMITS.maxEntryBytes) {
        yield { kind: 'problem', problem: vulnProblem('advisory-too-large', `zip entry is ${entry.uncompressedSize} bytes (limit ${LIMITS.maxEntryBytes})`, origin) };
        continue;
      }
      let text: string;
      try {
        text = await readEntry(zip, entry);
      } catch (error) {
        yield { kind: 'problem', problem: vulnProblem('advisory-invalid', `cannot read zip entry: ${String(error)}`, origin) };
        continue;
      }
      yield* parseText(withoutBom(text), origin, /\.jsonl$/i.test(name));
    }
  } finally {
    zip.close();
  }
}

/** With decodeStrings off, yauzl hands names over as raw bytes; only messages show them. */
function entryName(entry: yauzl.Entry): string {
  const raw: unknown = entry.fileName;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
  // Control characters could rewrite the terminal when the name is printed.
  return text.replace(/\p{Cc}/gu, '?');
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  const reader = new BlockReader(file);
  return new Promise((resolve, reject) => {
    // validateEntrySizes: a stream that inflates past its declared size is an error (zip bombs).
    // decodeStrings off: yauzl would reject "../x" names, but names are never used as paths here.
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false };
    yauzl.fromRandomAccessReader(reader, reader.size, options, (error, zip) => {
      if (error === null) {
        resolve(zip);
        return;
      }
      reader.close(() => undefined);
      reject(error);
    });
  });
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      zip.removeListener('entry', onEntry);
      zip.removeListener('end', onEnd);
      zip.removeListener('error', onError);
    };
    const onEntry = (entry: yauzl.Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(undefined);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    zip.once('entry', onEntry);
    zip.once('end', onEnd);
    zip.once('error', onError);
    zip.readEntry();
  });
}

/**
 * Reads an entry's raw bytes and inflates them synchronously: a zlib stream per small entry costs
 * more in thread-pool round trips than the inflating itself. Size and CRC are checked as yauzl would.
 */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) throw new Error('encrypted entries are not supported');
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`unsupported compression method ${String(entry.compressionMethod)}`);
  const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
  // Not openReadStreamLowLevelPromise: yauzl 3.4's wrapper calls the wrong function.
  const stream = await new Promise<Readable>((resolve, reject) => {
    zip.openReadStreamLowLevel(fileDataStart, entry.compressedSize, 0, entry.compressedSize, false, null, (error, readable) => {
      if (error === null) resolve(readable);
      else reject(error);
    });
  });
  const raw = await collect(stream, LIMITS.maxEntryBytes);
  const data = entry.compressionMethod === 8 ? inflateRawSync(raw, { maxOutputLength: LIMITS.maxEntryBytes }) : raw;
  if (data.length !== entry.uncompressedSize) throw new Error(`entry inflates to ${String(data.length)} bytes, its header says ${String(entry.uncompressedSize)}`);
  if (crc32(data) !== entry.crc32) throw new Error('CRC-32 mismatch');
  return data.toString('utf8');
}

async function collect(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > limit) {
      stream.destroy();
      throw new Error(`entry is larger than ${String(limit)} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
