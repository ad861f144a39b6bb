/**
 * The parts of a CycloneDX or SPDX JSON document that the SBOM input reads, taken from a JsonCursor
 * one component or package at a time: each is handed over as a small object holding only the
 * fields read (everything else in the document is skipped unread), so memory follows what is kept,
 * not the size of the file.
 */
import type { JsonCursor } from './sbom-json.js';
import { SbomJsonError } from './sbom-json.js';

export type Json = Record<string, unknown>;

/** Which fields to keep: a string, an object of some fields, or an array of such (some elements). */
type Shape =
  | { readonly kind: 'string' }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Shape>> }
  | { readonly kind: 'array'; readonly each: Shape; readonly keep?: (element: unknown) => boolean };

const STRING: Shape = { kind: 'string' };
const object = (fields: Record<string, Shape>): Shape => ({ kind: 'object', fields });
const strings = (...names: string[]): Shape => object(Object.fromEntries(names.map((n) => [n, STRING])));

/** The properties the SBOM input reads (Palisade's writers, Trivy and Syft); others are skipped. */
export const READ_PROPERTIES: ReadonlySet<string> = new Set([
  'palisade:package:source-name', 'palisade:package:source-version', 'palisade:package:file', 'palisade:package:layer', 'palisade:package:analyzer', 'palisade:os:codename',
  'aquasecurity:trivy:SrcName', 'aquasecurity:trivy:SrcVersion', 'aquasecurity:trivy:SrcRelease', 'aquasecurity:trivy:SrcEpoch', 'aquasecurity:trivy:FilePath', 'aquasecurity:trivy:LayerDigest',
  'syft:location:0:path', 'syft:distro:id', 'syft:distro:versionID', 'syft:distro:prettyName', 'syft:distro:versionCodename',
]);

const CDX_COMPONENT = object({
  type: STRING, name: STRING, version: STRING, purl: STRING, description: STRING,
  properties: { kind: 'array', each: strings('name', 'value'), keep: (p) => typeof (p as Json).name === 'string' && READ_PROPERTIES.has((p as Json).name as string) },
  licenses: { kind: 'array', each: object({ expression: STRING, license: strings('id', 'name') }) },
});
const SPDX_PACKAGE = object({
  name: STRING, SPDXID: STRING, versionInfo: STRING, primaryPackagePurpose: STRING, description: STRING, comment: STRING, sourceInfo: STRING, licenseDeclared: STRING,
  externalRefs: { kind: 'array', each: strings('referenceType', 'referenceLocator'), keep: (r) => (r as Json).referenceType === 'purl' },
});
const EXTRACTED_LICENCE = strings('licenseId', 'name', 'extractedText');

export interface DocumentLimits {
  /** Bytes of one string that is kept (a purl, a name, a licence text). */
  readonly maxFieldBytes: number;
  /** CycloneDX components nested in one another. */
  readonly maxNesting: number;
}

/** What the reader hands over, in document order but for nested components (after their children). */
export interface DocumentVisitor {
  /** A CycloneDX component without its nested components; `order` is its place in document order. */
  readonly component: (component: Json, order: number) => void;
  readonly spdxPackage: (spdxPackage: Json) => void;
  readonly extractedLicence: (info: Json) => void;
  /** A second top-level `components` or `packages` array: JSON.parse keeps the last, and so does the reader. */
  readonly restart: (key: 'components' | 'packages') => void;
}

/** What the document says it is, and which arrays it had: CycloneDX `components`, SPDX `packages`. */
export interface DocumentShape {
  readonly bomFormat?: string;
  readonly spdxVersion?: string;
  readonly components: Presence;
  readonly packages: Presence;
}

/** Whether a top-level key was there, and an array. */
export type Presence = 'array' | 'absent' | 'not-an-array';

export function readDocument(cursor: JsonCursor, limits: DocumentLimits, visitor: DocumentVisitor): DocumentShape {
  if (cursor.kind() !== 'object') throw new SbomJsonError('syntax', 'not a JSON object', cursor.place());
  const shape = readSbom(cursor, limits, visitor, true);
  cursor.end();
  return shape;
}

/**
 * One SBOM object. At the top it may instead be an in-toto statement whose `predicate` is the SBOM:
 * what BuildKit writes as sbom.spdx.json (`docker buildx build --sbom=true`) and what in-toto
 * attestations of an image hold.
 */
function readSbom(cursor: JsonCursor, limits: DocumentLimits, visitor: DocumentVisitor, top: boolean): DocumentShape {
  cursor.beginObject();
  let predicate: DocumentShape | undefined;
  let components: Presence = 'absent';
  let packages: Presence = 'absent';
  const declared: { bomFormat?: string; spdxVersion?: string } = {};
  for (let key = cursor.nextKey(); key !== undefined; key = cursor.nextKey()) {
    const isArray = cursor.kind() === 'array';
    if (key === 'bomFormat' || key === 'spdxVersion') {
      const value = cursor.stringOrSkip(256, key);
      if (value === undefined) Reflect.deleteProperty(declared, key);
      else declared[key] = value;
    } else if (key === 'components' && isArray) {
      if (components === 'array') visitor.restart('components');
      components = 'array';
      readComponents(cursor, limits, visitor);
    } else if (key === 'packages' && isArray) {
      if (packages === 'array') visitor.restart('packages');
      packages = 'array';
      eachElement(cursor, () => { pickObject(cursor, SPDX_PACKAGE, limits, visitor.spdxPackage); });
    } else if (key === 'hasExtractedLicensingInfos' && isArray) {
      eachElement(cursor, () => { pickObject(cursor, EXTRACTED_LICENCE, limits, visitor.extractedLicence); });
    } else if (top && key === 'predicate' && cursor.kind() === 'object') {
      predicate = readSbom(cursor, limits, visitor, false);
    } else {
      if (key === 'components') components = 'not-an-array';
      if (key === 'packages') packages = 'not-an-array';
      cursor.skip();
    }
  }
  const own = { ...declared, components, packages };
  const isSbom = own.bomFormat !== undefined || own.spdxVersion !== undefined || components !== 'absent' || packages !== 'absent';
  return isSbom || predicate === undefined ? own : predicate;
}

/**
 * CycloneDX components, nested ones included, walked with an explicit stack of the components being
 * read (a hostile SBOM nests them deeper than the call stack goes). A component is handed over
 * when its object closes, its nested ones before it.
 */
function readComponents(cursor: JsonCursor, limits: DocumentLimits, visitor: DocumentVisitor): void {
  const open: { readonly fields: Json; readonly order: number }[] = [];
  let order = 0;
  let inArray = true;
  cursor.beginArray();
  for (;;) {
    if (inArray) {
      if (!cursor.nextElement()) {
        if (open.length === 0) return;
        inArray = false;
      } else if (cursor.kind() !== 'object') {
        cursor.skip();
      } else {
        if (open.length >= limits.maxNesting) throw new SbomJsonError('limit', `CycloneDX components nested deeper than ${limits.maxNesting} levels`, cursor.place());
        cursor.beginObject();
        open.push({ fields: {}, order: order++ });
        inArray = false;
      }
      continue;
    }
    const component = open[open.length - 1];
    if (component === undefined) return;
    const key = cursor.nextKey();
    if (key === undefined) {
      open.pop();
      visitor.component(component.fields, component.order);
      inArray = true;
    } else if (key === 'components' && cursor.kind() === 'array') {
      cursor.beginArray();
      inArray = true;
    } else {
      pickField(cursor, CDX_COMPONENT, key, component.fields, limits);
    }
  }
}

function eachElement(cursor: JsonCursor, read: () => void): void {
  cursor.beginArray();
  while (cursor.nextElement()) read();
}

/** The next value as `shape` keeps it, to `use`; a value of another kind is skipped. */
function pickObject(cursor: JsonCursor, shape: Shape, limits: DocumentLimits, use: (value: Json) => void): void {
  const value = pick(cursor, shape, limits);
  if (isJson(value)) use(value);
}

function pick(cursor: JsonCursor, shape: Shape, limits: DocumentLimits): unknown {
  const kind = cursor.kind();
  if (shape.kind === 'string') return cursor.stringOrSkip(limits.maxFieldBytes, 'a purl, name, version or licence');
  if (shape.kind === 'object' && kind === 'object') {
    const fields: Json = {};
    cursor.beginObject();
    for (let key = cursor.nextKey(); key !== undefined; key = cursor.nextKey()) pickField(cursor, shape, key, fields, limits);
    return fields;
  }
  if (shape.kind === 'array' && kind === 'array') {
    const elements: unknown[] = [];
    eachElement(cursor, () => {
      const element = pick(cursor, shape.each, limits);
      if (element !== undefined && (shape.keep?.(element) ?? true)) elements.push(element);
    });
    return elements;
  }
  cursor.skip();
  return undefined;
}

/** One member of an object: kept in `into` when the shape names it (the last of repeated keys, as JSON.parse), else skipped. */
function pickField(cursor: JsonCursor, shape: Shape, key: string, into: Json, limits: DocumentLimits): void {
  const field = shape.kind === 'object' && Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
  if (field === undefined) {
    cursor.skip();
    return;
  }
  const value = pick(cursor, field, limits);
  if (value === undefined) Reflect.deleteProperty(into, key);
  else into[key] = value;
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
