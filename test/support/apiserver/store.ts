/**
 * The objects a test API server holds, keyed as etcd keys them (namespace/name), with a global
 * resourceVersion and the continue tokens of chunked lists.
 */
import { apiVersionOf, type ResourceDef } from './resources.js';

export interface StoredObject {
  /** "namespace/name" or "name": lists are ordered by it, as etcd orders keys. */
  readonly key: string;
  readonly namespace?: string;
  readonly name: string;
  readonly object: Readonly<Record<string, unknown>>;
}

export interface ContinueToken {
  readonly resourceVersion: number;
  /** The first key of the next page. */
  readonly start: string;
}

/** apiserver's continue token: base64url of {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}. Opaque to clients. */
export function encodeContinue(token: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: token.resourceVersion, start: token.start })).toString('base64url');
}

/** The token, or why it is not one (the server answers 400 BadRequest with it). */
export function decodeContinue(text: string): ContinueToken | string {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return 'continue key is not valid: illegal base64 data';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return 'continue key is not valid: invalid character in encoded token';
  }
  const { v, rv, start } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (v !== 'meta.k8s.io/v1') return 'continue key is not valid: server does not recognize this encoded key';
  if (typeof rv !== 'number' || !Number.isInteger(rv) || rv <= 0) return 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)';
  if (typeof start !== 'string' || start === '' || start.includes('..')) return 'continue key is not valid: encoded start key is invalid';
  return { resourceVersion: rv, start };
}

export class ObjectStore {
  /** The cluster's current resourceVersion: bumped by every write. */
  resourceVersion = 0;
  /** Continue tokens from before this revision are expired (etcd compacted their revision away). */
  compactedRevision = 0;
  private readonly byResource = new Map<ResourceDef, StoredObject[]>();

  constructor(objects: readonly unknown[], private readonly resources: readonly ResourceDef[]) {
    for (const [index, object] of objects.entries()) this.add(object, index);
    for (const list of this.byResource.values()) list.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  resourceOf(group: string, kind: string): ResourceDef | undefined {
    return this.resources.find((r) => r.group === group && r.kind === kind);
  }

  /** Objects of one resource in key order, optionally in one namespace. */
  list(resource: ResourceDef, namespace: string | undefined): readonly StoredObject[] {
    const all = this.byResource.get(resource) ?? [];
    return namespace === undefined ? all : all.filter((o) => o.namespace === namespace);
  }

  get(resource: ResourceDef, namespace: string | undefined, name: string): StoredObject | undefined {
    return this.list(resource, namespace).find((o) => o.name === name);
  }

  /** Simulates a write followed by an etcd compaction: every continue token issued so far expires. */
  compact(): void {
    this.resourceVersion += 1;
    this.compactedRevision = this.resourceVersion;
  }

  private add(input: unknown, index: number): void {
    const object = structuredClone(input) as Record<string, unknown>;
    const { apiVersion, kind, metadata } = object as { apiVersion?: unknown; kind?: unknown; metadata?: Record<string, unknown> };
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof metadata?.['name'] !== 'string') {
      throw new Error(`test API server: object ${index} needs apiVersion, kind and metadata.name`);
    }
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const resource = this.resourceOf(group, kind);
    if (resource === undefined) throw new Error(`test API server: no resource serves ${kind} in group "${group}"`);
    if (!resource.versions.some((v) => apiVersionOf(group, v) === apiVersion)) {
      throw new Error(`test API server: ${kind} is not served as ${apiVersion}`);
    }
    const name = metadata['name'];
    const namespace = resource.namespaced ? (typeof metadata['namespace'] === 'string' ? metadata['namespace'] : 'default') : undefined;
    this.resourceVersion += 1;
    // Fields the server sets on every stored object.
    object['metadata'] = {
      ...metadata,
      ...(namespace === undefined ? {} : { namespace }),
      uid: metadata['uid'] ?? `00000000-0000-4000-8000-${String(this.resourceVersion).padStart(12, '0')}`,
      resourceVersion: String(this.resourceVersion),
      creationTimestamp: metadata['creationTimestamp'] ?? '2026-01-01T00:00:00Z',
    };
    if (group === '' && kind === 'Secret') mergeStringData(object);
    const key = namespace === undefined ? name : `${namespace}/${name}`;
    const list = this.byResource.get(resource) ?? [];
    if (list.some((o) => o.key === key)) throw new Error(`test API server: duplicate ${kind} ${key}`);
    list.push({ key, ...(namespace === undefined ? {} : { namespace }), name, object });
    this.byResource.set(resource, list);
  }
}

/** The API server folds a Secret's write-only stringData into base64 data; reads never show stringData. */
function mergeStringData(secret: Record<string, unknown>): void {
  const { stringData, data } = secret as { stringData?: unknown; data?: unknown };
  if (typeof stringData !== 'object' || stringData === null) return;
  const merged: Record<string, unknown> = typeof data === 'object' && data !== null ? { ...data } : {};
  for (const [key, value] of Object.entries(stringData)) merged[key] = Buffer.from(String(value)).toString('base64');
  secret['data'] = merged;
  delete secret['stringData'];
}
