/**
 * Where a rendered Kustomize object was written. kustomize reformats what it renders, so the
 * rendered lines say nothing about the user's files; the `config.kubernetes.io/origin` annotation
 * names the file an object came from, and the object's positions are then taken from its
 * document in that file, so a finding points at the line the user wrote. A field that a patch
 * added is not in the origin file: it is placed at its nearest ancestor there.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { asRecord } from '../lib/k8s/values.js';
import { parseStream, type NodeArena, type ParsedDocument } from '../lib/yaml/index.js';
import { shiftLines } from './helm.js';
import { configuredIn, generatedDocument } from './kustomize-generated.js';
import { readFileBounded } from './read-bounded.js';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** A URL (`https://`, `git::ssh://`...) rather than a path: kustomize fetches it, nothing local to read. */
export function isUrl(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry);
}

export interface OriginFile {
  readonly absolute: string;
  /** As the user would name it: relative to the overlay as they named the overlay. */
  readonly shown: string;
  /** The kustomization file of a generator, rather than a file holding the object. */
  readonly generated: boolean;
}

/**
 * The local file an object came from, when kustomize recorded one. `originRoot` is the directory
 * the annotation's `path:` is relative to (the kustomization that asked for origin annotations).
 * Remote bases (a URL or `repo:`) and generated objects (no `path:`) have none.
 */
export function originFile(object: Readonly<Record<string, unknown>>, originRoot: string, overlayDir: string, shownAs: string): OriginFile | undefined {
  const origin = asRecord(asRecord(asRecord(object)?.['metadata'])?.['annotations'])?.[ORIGIN_ANNOTATION];
  if (typeof origin !== 'string' || /^repo:/m.test(origin)) return undefined;
  // The annotation is a small YAML mapping; its `path:` line names a resource file, its
  // `configuredIn:` line the kustomization of a generated object.
  const resource = /^path:\s*(\S.*?)\s*$/m.exec(origin)?.[1];
  const relative = resource ?? configuredIn(origin);
  if (relative === undefined || isUrl(relative)) return undefined;
  const absolute = path.resolve(originRoot, relative);
  return { absolute, shown: path.join(shownAs, path.relative(overlayDir, absolute)), generated: resource === undefined };
}

export interface OriginReader {
  readonly arena: NodeArena;
  readonly maxFileBytes: number;
  readonly maxAliasCount: number;
  /** Parsed origin files of one render: bases are usually shared by many objects. */
  readonly cache: Map<string, readonly ParsedDocument[]>;
}

/**
 * The document of `file` that a rendered object came from: same kind, and the longest name that
 * the rendered name contains (namePrefix and nameSuffix only add to it). The rendered value is
 * kept; only the positions come from the file. Undefined when the file cannot be read or holds
 * no such object.
 */
export function originDocument(file: string, rendered: Readonly<Record<string, unknown>>, reader: OriginReader): ParsedDocument | undefined {
  const kind = rendered['kind'];
  const name = asRecord(rendered['metadata'])?.['name'];
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  let best: { document: ParsedDocument; length: number } | undefined;
  for (const document of documentsOf(file, reader)) {
    const value = asRecord(document.value);
    const own = asRecord(value?.['metadata'])?.['name'];
    if (value?.['kind'] !== kind || typeof own !== 'string' || !name.includes(own)) continue;
    if (best === undefined || own.length > best.length) best = { document, length: own.length };
  }
  if (best === undefined) return undefined;
  // Not a spread: a parsed document's position is a lazy getter, which a spread would drop.
  const { document } = best;
  return { index: document.index, value: rendered, position: document.position, positions: document.positions };
}

/** Whether `file` is a regular file inside one of the kustomization directories (links resolved). */
function isSourceFile(file: string, roots: readonly string[]): boolean {
  try {
    const real = realpathSync(file);
    return roots.some((root) => real.startsWith(root + path.sep)) && statSync(real).isFile();
  } catch {
    return false;
  }
}

function documentsOf(file: string, reader: OriginReader): readonly ParsedDocument[] {
  const cached = reader.cache.get(file);
  if (cached !== undefined) return cached;
  let documents: readonly ParsedDocument[] = [];
  try {
    const read = readFileBounded(file, reader.maxFileBytes);
    if (read.kind === 'text') documents = parseStream(read.text, { arena: reader.arena, limits: { maxAliasCount: reader.maxAliasCount } }).documents;
  } catch {
    // kustomize read this file moments ago; if it is gone now, the rendered lines stand in.
  }
  reader.cache.set(file, documents);
  return documents;
}

export interface RenderPlace {
  /** The directory the origin annotations' paths are relative to. */
  readonly originRoot: string;
  /**
   * Real paths of the kustomization directories of the overlay. An origin annotation is object
   * data: an overlay can set one itself (commonAnnotations survive the render), so a file it names
   * is read only when it lies in one of these and is a regular file; else the annotation could
   * make the scan read /dev/stdin (and wait on it) or any host file, and report findings there.
   */
  readonly sourceRoots: readonly string[];
  readonly overlayDir: string;
  readonly shownAs: string;
}

/**
 * The file and positions of one rendered document: its origin file's lines where the object is
 * found there, else (origin known but object not found) its own rendered lines counted from its
 * first line, else the overlay's rendered output.
 */
export function placeRendered(document: ParsedDocument, place: RenderPlace, reader: OriginReader): { readonly document: ParsedDocument; readonly file: string } {
  const object = asRecord(document.value);
  const origin = object === undefined ? undefined : originFile(object, place.originRoot, place.overlayDir, place.shownAs);
  if (object === undefined || origin === undefined || !isSourceFile(origin.absolute, place.sourceRoots)) return { document, file: place.shownAs };
  const placed = origin.generated ? generatedDocument(documentsOf(origin.absolute, reader), object) : originDocument(origin.absolute, object, reader);
  if (placed !== undefined) return { document: placed, file: origin.shown };
  // A generated object not found in its kustomization keeps the overlay and the rendered lines.
  return origin.generated ? { document, file: place.shownAs } : { document: shiftLines(document, document.position.line), file: origin.shown };
}
