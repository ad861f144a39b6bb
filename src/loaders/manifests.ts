/**
 * From parsed documents to Kubernetes resources: Lists (`kind: List`, `*List`, `kubectl get -o
 * yaml|json` dumps) are unpacked into their items, and documents that are not objects are
 * reported instead of silently dropped. Empty documents (nothing, or only comments) are not
 * objects either, but they are normal in YAML streams and pass without a word.
 */
import type { Problem } from '../model/problem.js';
import type { JsonObject, Resource } from '../model/resource.js';
import type { Position, PositionMap, ResourceSource } from '../model/source.js';
import { problem } from '../core/errors.js';
import type { ParsedDocument, ParseError } from '../lib/yaml/index.js';
import { isJsonObject } from '../lib/k8s/values.js';

export interface ManifestOrigin {
  /** The file as the user knows it. */
  readonly file: string;
  readonly renderedBy?: 'helm' | 'kustomize';
}

export interface Collected {
  readonly resources: Resource[];
  readonly problems: Problem[];
}

/** Lists inside Lists are unpacked too, but not without end. */
const MAX_LIST_NESTING = 3;

export function resourcesFromDocuments(documents: readonly ParsedDocument[], origin: ManifestOrigin, into: Collected): void {
  let auditEvents: ParsedDocument | undefined;
  let auditEventCount = 0;
  for (const document of documents) {
    if (document.value === null || document.value === undefined) continue;
    if (isAuditEvent(document.value)) {
      auditEvents ??= document;
      auditEventCount++;
      continue;
    }
    collect(document.value, document, '', origin, into, 0);
  }
  if (auditEvents !== undefined) {
    const message = `${auditEventCount} audit event${auditEventCount === 1 ? '' : 's'} (audit.k8s.io Event): an audit log records requests, it holds no objects to scan`;
    into.problems.push(problem('not-a-manifest', message, placeOf(auditEvents, '', origin.file), 'Read an audit log with `palisade rbac suggest --audit-log FILE`.'));
  }
}

/**
 * An API server audit log is JSON lines of audit.k8s.io Events, read as a stream like any JSON
 * file: each line would otherwise be an object to judge (or a missing-field warning), one per
 * recorded request, where a single note says what the file is.
 */
function isAuditEvent(value: unknown): boolean {
  if (!isJsonObject(value) || value['kind'] !== 'Event') return false;
  const apiVersion = value['apiVersion'];
  return typeof apiVersion === 'string' && apiVersion.startsWith('audit.k8s.io/');
}

/** What a typed list (PodList, NamespaceList, ...) implies for items that omit apiVersion and kind, as the API server returns them. */
interface ListDefaults {
  readonly apiVersion: unknown;
  readonly kind: string;
}

function collect(value: unknown, document: ParsedDocument, prefix: string, origin: ManifestOrigin, into: Collected, nesting: number, defaults?: ListDefaults): void {
  const place = (): { file: string; line: number; column: number } => placeOf(document, prefix, origin.file);
  if (!isJsonObject(value)) {
    const what = Array.isArray(value) ? 'a sequence' : value === null ? 'empty' : `a ${typeof value}`;
    const where = prefix === '' ? `document ${document.index + 1}` : `item ${prefix} of document ${document.index + 1}`;
    into.problems.push(problem('not-an-object', `${where} is ${what}, not a Kubernetes object`, place()));
    return;
  }
  const items = value['items'];
  const kind = value['kind'];
  if (typeof kind === 'string' && kind.endsWith('List') && (Array.isArray(items) || items === null) && nesting < MAX_LIST_NESTING) {
    const itemKind = kind.slice(0, -'List'.length);
    const itemDefaults = itemKind === '' ? undefined : { apiVersion: value['apiVersion'], kind: itemKind };
    (items ?? []).forEach((item, i) => {
      collect(item, document, `${prefix}/items/${i}`, origin, into, nesting + 1, itemDefaults);
    });
    return;
  }
  const resource = toResource(value, document, prefix, origin, defaults);
  if (typeof resource === 'string') into.problems.push(problem('missing-field', resource, place()));
  else into.resources.push(resource);
}

/** A resource, or what is missing for it to be one. */
function toResource(object: JsonObject, document: ParsedDocument, prefix: string, origin: ManifestOrigin, defaults?: ListDefaults): Resource | string {
  const { metadata } = object;
  const apiVersion = object.apiVersion ?? defaults?.apiVersion;
  const kind = object.kind ?? defaults?.kind;
  const meta = isJsonObject(metadata) ? metadata : undefined;
  // generateName stands in for name: the API server accepts an object with either.
  const name = nonEmptyString(meta?.['name']) ?? nonEmptyString(meta?.['generateName']) ?? componentConfigName(apiVersion, kind, origin.file);
  const missing = [
    nonEmptyString(apiVersion) === undefined ? 'apiVersion' : undefined,
    nonEmptyString(kind) === undefined ? 'kind' : undefined,
    name === undefined ? 'metadata.name' : undefined,
  ].filter((field) => field !== undefined);
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || name === undefined || missing.length > 0) {
    const what = typeof kind === 'string' && kind !== '' ? `a ${kind}` : 'an object';
    return `${what} in document ${document.index + 1}${prefix === '' ? '' : ` (${prefix})`} has no ${missing.join(', ')}`;
  }
  const namespace = nonEmptyString(meta?.['namespace']);
  // The position is worked out when first asked for: most resources never need one.
  const source: ResourceSource = {
    file: origin.file,
    documentIndex: document.index,
    pointerPrefix: prefix,
    get position(): Position {
      return positionOf(document, prefix);
    },
    positions: positionsAt(document.positions, prefix),
    ...(origin.renderedBy === undefined ? {} : { renderedBy: origin.renderedBy }),
  };
  return namespace === undefined ? { apiVersion, kind, name, object, source } : { apiVersion, kind, namespace, name, object, source };
}

/**
 * Component configuration files (KubeletConfiguration, EncryptionConfiguration, an audit Policy,
 * kubeadm's ClusterConfiguration, ...) are read from disk by a component and never sent to the API
 * server, so they carry no metadata: the file's name (or, on stdin, the kind) stands in for the
 * object's name.
 */
function componentConfigName(apiVersion: unknown, kind: unknown, file: string): string | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || kind === '') return undefined;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (!group.endsWith('.config.k8s.io') && group !== 'audit.k8s.io' && group !== 'kubeadm.k8s.io') return undefined;
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base === '' || base === '-' ? kind : base;
}

export function parseErrorProblem(error: ParseError, file: string, json: boolean): Problem {
  const place = { file, line: error.line, column: error.column };
  switch (error.kind) {
    case 'alias-limit':
      return problem('yaml-alias-limit', error.message, place);
    case 'too-deep':
      return problem('yaml-too-deep', error.message, place);
    case 'too-many-documents':
      return problem('input-too-large', error.message, place, 'Split the stream, or raise limits.maxDocuments in .palisade.yaml.');
    case 'syntax':
      return problem(json ? 'json-syntax' : 'yaml-syntax', error.message, place);
    case 'duplicate-key':
      // Read, not lost: a warning, since the scan did see the document (as kubectl would send it).
      return {
        ...problem('yaml-syntax', `${error.message}; the document was read with the last value, as kubectl reads it`, place, 'Remove the duplicate key: kustomize and Helm reject the file, and a reader that keeps the first value would apply something else than was scanned.'),
        level: 'warning',
      };
  }
}

/** The positions of the object at `prefix` in a document, by pointers relative to the object. */
function positionsAt(positions: PositionMap, prefix: string): PositionMap {
  if (prefix === '') return positions;
  const own = positions.within?.(prefix);
  if (own !== undefined) return own;
  // A map that cannot root itself (a wrapper of one) is asked with the prefix put back.
  const relative = (pointer: string): string => (pointer.startsWith(prefix) ? pointer.slice(prefix.length) : '');
  return {
    get: (pointer) => positions.get(prefix + pointer),
    nearest: (pointer) => {
      const found = positions.nearest(prefix + pointer);
      return found === undefined ? undefined : { pointer: relative(found.pointer), position: found.position };
    },
  };
}

function positionOf(document: ParsedDocument, prefix: string): Position {
  return prefix === '' ? document.position : (document.positions.get(prefix) ?? document.position);
}

function placeOf(document: ParsedDocument, prefix: string, file: string): { file: string; line: number; column: number } {
  const position = positionOf(document, prefix);
  return { file, line: position.line, column: position.column };
}


function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
