/** Finding and reading a directory's kustomization file (without rendering it). */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseStream } from '../lib/yaml/index.js';
import { readFileBounded } from './read-bounded.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

export function isKustomization(dir: string): boolean {
  try {
    const names = new Set(readdirSync(dir));
    return KUSTOMIZATION_FILES.some((name) => names.has(name));
  } catch {
    return false;
  }
}

/** Whether the real path `real` lies in or below the real directory `root`. */
export function isWithin(real: string, root: string): boolean {
  return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * The kustomization file of a directory, the first of KUSTOMIZATION_FILES present, and whether
 * kustomize would read it: it reads it through its load restrictor, so a kustomization file that
 * is a link out of its directory is no kustomization to kustomize ("unable to find one of
 * 'kustomization.yaml'...") and must not be read here either (it could be any file of the host).
 */
export function kustomizationFile(dir: string): { readonly file: string; readonly readable: boolean } | undefined {
  let names: Set<string>;
  try {
    names = new Set(readdirSync(dir));
  } catch {
    return undefined;
  }
  const name = KUSTOMIZATION_FILES.find((candidate) => names.has(candidate));
  if (name === undefined) return undefined;
  const file = path.join(dir, name);
  try {
    return { file, readable: isWithin(realpathSync(file), realpathSync(dir)) };
  } catch {
    return { file, readable: false }; // a dangling link: kustomize cannot read it either
  }
}

/** A kustomization file is a few hundred bytes; anything near this is not one. */
const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;

/** The text of a directory's kustomization file; undefined when absent, unreadable, a link out of the directory or too large. */
export function readKustomizationText(dir: string): string | undefined {
  const found = kustomizationFile(dir);
  if (found?.readable !== true) return undefined;
  try {
    if (!statSync(found.file).isFile()) return undefined;
    const read = readFileBounded(found.file, MAX_KUSTOMIZATION_BYTES);
    return read.kind === 'text' ? read.text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A directory's kustomization as kustomize would see it, or why it cannot be told. It is parsed
 * with Palisade's YAML parser, which follows YAML as Go's parser does (merge keys `<<` included,
 * which js-yaml's JSON schema reads as a plain key): what Palisade checks must be what kustomize
 * reads, or a `<<: *anchor` could slip a remote resource past the check.
 */
export type KustomizationRead =
  | { readonly kind: 'absent' }
  | { readonly kind: 'outside'; readonly file: string }
  | { readonly kind: 'unreadable'; readonly file: string; readonly reason: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'parsed'; readonly file: string; readonly value: unknown };

export function loadKustomization(dir: string): KustomizationRead {
  const found = kustomizationFile(dir);
  if (found === undefined) return { kind: 'absent' };
  if (!found.readable) return { kind: 'outside', file: found.file };
  let read;
  try {
    // A named pipe would block the read (and kustomize) for ever.
    if (!statSync(found.file).isFile()) return { kind: 'unreadable', file: found.file, reason: 'is not a regular file' };
    read = readFileBounded(found.file, MAX_KUSTOMIZATION_BYTES);
  } catch (error) {
    return { kind: 'unreadable', file: found.file, reason: `cannot be read (${error instanceof Error && 'code' in error ? String(error.code) : 'error'})` };
  }
  if (read.kind === 'too-large') return { kind: 'unreadable', file: found.file, reason: `is ${String(read.bytes)} bytes, more than the ${String(MAX_KUSTOMIZATION_BYTES)} a kustomization file may have` };
  if (read.kind === 'binary') return { kind: 'unreadable', file: found.file, reason: 'is not text' };
  const parsed = parseStream(read.text);
  // A duplicated key is read with its last value, as kustomize reads it (and kustomize does not refuse it).
  const error = parsed.errors.find((found) => found.kind !== 'duplicate-key');
  if (error !== undefined) return { kind: 'unreadable', file: found.file, reason: `is not YAML Palisade can read: ${error.message}`, line: error.line, column: error.column };
  return { kind: 'parsed', file: found.file, value: parsed.documents[0]?.value };
}

/** The kustomization file of a directory, parsed; undefined when it cannot be read (see loadKustomization). */
export function readKustomization(dir: string): unknown {
  const read = loadKustomization(dir);
  return read.kind === 'parsed' ? read.value : undefined;
}
