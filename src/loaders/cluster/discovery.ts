/**
 * API discovery: which group-version and resource name serve each kind the scan reads. Follows
 * the server's own answers (/api, /apis, /apis/G/V) rather than assuming versions, so the scan
 * reads what this cluster actually serves, in each group's preferred version first.
 */
import { problem } from '../../core/errors.js';
import type { Problem } from '../../model/problem.js';
import { CLUSTER_KINDS, groupKindKey, type ClusterKind } from './kinds.js';
import type { ApiClient, ApiResponse } from './transport.js';

/** One listable resource: where its list endpoint is and whether it lives in namespaces. */
export interface ServedResource {
  readonly group: string;
  readonly kind: string;
  /** "v1" for the core group, "apps/v1" otherwise: also the apiVersion of its objects. */
  readonly groupVersion: string;
  /** The resource name in URLs, e.g. "deployments". */
  readonly plural: string;
  readonly namespaced: boolean;
}

export type DiscoveryResult =
  | { readonly ok: true; readonly resources: readonly ServedResource[]; readonly problems: readonly Problem[] }
  /** /api or /apis did not answer: nothing can be read from this server. */
  | { readonly ok: false; readonly path: string; readonly response: Exclude<ApiResponse, { kind: 'ok' }> };

/** Discovers the kinds in CLUSTER_KINDS; `file` names the cluster in problems. */
export async function discover(client: ApiClient, file: string, kinds: readonly ClusterKind[] = CLUSTER_KINDS): Promise<DiscoveryResult> {
  const core = await client.get('/api');
  if (core.kind !== 'ok') return { ok: false, path: '/api', response: core };
  const groups = await client.get('/apis');
  if (groups.kind !== 'ok') return { ok: false, path: '/apis', response: groups };

  const versionsByGroup = new Map<string, readonly string[]>([['', coreVersions(core.body)], ...groupVersions(groups.body)]);
  const wantedByGroup = new Map<string, ClusterKind[]>();
  for (const wanted of kinds) wantedByGroup.set(wanted.group, [...(wantedByGroup.get(wanted.group) ?? []), wanted]);

  const resources: ServedResource[] = [];
  const problems: Problem[] = [];
  // Groups are independent: ask about them all at once (a dozen small requests).
  const groupsFound = await Promise.all([...wantedByGroup].map(async ([group, wanted]) => ({ group, wanted, found: await discoverGroup(client, group, versionsByGroup.get(group) ?? [], wanted) })));
  for (const { group, wanted, found } of groupsFound) {
    resources.push(...found.resources);
    const served = new Set(found.resources.map((r) => r.kind));
    const missing = wanted.filter((w) => !served.has(w.kind));
    const named = (list: readonly ClusterKind[]): string => list.map((k) => (group === '' ? k.kind : `${k.kind}.${group}`)).join(', ');
    if (missing.length > 0 && found.failure !== undefined) {
      // One problem per group: an aggregated API that is down takes all of its kinds with it.
      problems.push(problem('cluster-list-failed', `Not read: ${named(missing)}; discovery of ${found.failure}`, { file }, 'Check the API service that serves this group (`kubectl get apiservices`).'));
    }
    const unserved = missing.filter((k) => k.optional === undefined);
    if (unserved.length > 0 && found.failure === undefined) {
      problems.push(problem('cluster-list-failed', `Not read: ${named(unserved)}; the server does not serve ${unserved.length === 1 ? 'it' : 'them'}.`, { file }, 'The cluster may be older than these kinds; the rules that need them see none.'));
    }
  }
  const order = new Map(kinds.map((k, i) => [groupKindKey(k.group, k.kind), i]));
  resources.sort((a, b) => (order.get(groupKindKey(a.group, a.kind)) ?? 0) - (order.get(groupKindKey(b.group, b.kind)) ?? 0));
  return { ok: true, resources, problems };
}

/**
 * Reads the group's versions, preferred first, until every wanted kind is found: a kind that only
 * an older version serves is still read, in the newest version that has it.
 */
async function discoverGroup(
  client: ApiClient,
  group: string,
  versions: readonly string[],
  wanted: readonly ClusterKind[],
): Promise<{ resources: ServedResource[]; failure?: string }> {
  const resources: ServedResource[] = [];
  let failure: string | undefined;
  for (const groupVersion of versions) {
    const missing = new Set(wanted.map((w) => w.kind).filter((kind) => !resources.some((r) => r.kind === kind)));
    if (missing.size === 0) break;
    const path = group === '' ? `/api/${groupVersion}` : `/apis/${groupVersion}`;
    const response = await client.get(path);
    if (response.kind !== 'ok') {
      failure ??= `${path} failed: ${describeFailure(response)}`;
      continue;
    }
    for (const entry of resourceEntries(response.body)) {
      if (!missing.has(entry.kind)) continue;
      missing.delete(entry.kind);
      resources.push({ group, kind: entry.kind, groupVersion, plural: entry.name, namespaced: entry.namespaced });
    }
  }
  return failure === undefined ? { resources } : { resources, failure };
}

export function describeFailure(response: Exclude<ApiResponse, { kind: 'ok' }>): string {
  if (response.kind === 'failed') return `${response.message}.`;
  const reason = response.reason === '' ? '' : ` ${response.reason}`;
  return `HTTP ${response.code}${reason}${response.message === '' ? '' : `: ${response.message}`}.`;
}

/** APIVersions: {versions: ["v1"]}. */
function coreVersions(body: unknown): string[] {
  const versions = field(body, 'versions');
  return Array.isArray(versions) ? versions.filter((v): v is string => typeof v === 'string' && GROUP_VERSION.test(v)) : [];
}

/** APIGroupList: each group's groupVersions, the preferred one first, then the server's order. */
function groupVersions(body: unknown): [string, string[]][] {
  const groups = field(body, 'groups');
  if (!Array.isArray(groups)) return [];
  return groups.flatMap((group: unknown): [string, string[]][] => {
    const name = field(group, 'name');
    const versions = field(group, 'versions');
    if (typeof name !== 'string' || !Array.isArray(versions)) return [];
    const listed = versions.map((v: unknown) => field(v, 'groupVersion')).filter((v): v is string => typeof v === 'string' && GROUP_VERSION.test(v) && v.startsWith(`${name}/`));
    const preferred = field(field(group, 'preferredVersion'), 'groupVersion');
    const ordered = typeof preferred === 'string' && listed.includes(preferred) ? [preferred, ...listed.filter((v) => v !== preferred)] : listed;
    return [[name, ordered]];
  });
}

/**
 * Names that go into request paths must be plain path segments: a resource name is a lowercase
 * DNS label ("pods/log" subresources are not objects), a group-version is "group/version".
 */
const RESOURCE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GROUP_VERSION = /^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[a-z0-9]+$/;

interface ResourceEntry {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** APIResourceList entries that can be listed; subresources ("pods/log") are not objects. */
function resourceEntries(body: unknown): ResourceEntry[] {
  const resources = field(body, 'resources');
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((entry: unknown): ResourceEntry[] => {
    const name = field(entry, 'name');
    const kind = field(entry, 'kind');
    const namespaced = field(entry, 'namespaced');
    const verbs = field(entry, 'verbs');
    if (typeof name !== 'string' || !RESOURCE_NAME.test(name) || typeof kind !== 'string' || typeof namespaced !== 'boolean') return [];
    if (!Array.isArray(verbs) || !verbs.includes('list')) return [];
    return [{ name, kind, namespaced }];
  });
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
