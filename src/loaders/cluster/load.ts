/**
 * Reads a live cluster: kubeconfig -> discovery -> a paginated list of every kind in CLUSTER_KINDS.
 * A failure to list one kind is a warning and the others still load; only a server that cannot
 * be reached at all stops the load.
 */
import { resolve as resolvePath } from 'node:path';
import { problem } from '../../core/errors.js';
import { DEFAULT_LIMITS, type InputLimits, type LoadResult } from '../../core/loader.js';
import type { Problem } from '../../model/problem.js';
import type { Resource } from '../../model/resource.js';
import { describeFailure, discover, type ServedResource } from './discovery.js';
import { resolveKubeconfig } from './kubeconfig.js';
import { listAll, listPath, type ListOptions, type ListOutcome } from './list.js';
import { clusterInputName, toResource } from './objects.js';
import { createApiClient, type ApiClient } from './transport.js';

export interface ClusterTarget {
  /** Kubeconfig path; without it, KUBECONFIG, then ~/.kube/config, then the pod's service account. */
  readonly kubeconfig?: string;
  /** Where a relative kubeconfig path is resolved; defaults to process.cwd(). */
  readonly cwd?: string;
  /** Context name; without it, the kubeconfig's current-context. */
  readonly context?: string;
  /** Items per list request (kubectl uses 500 too). */
  readonly pageSize?: number;
  /** Longest wait for any one request. */
  readonly timeoutMs?: number;
  /** maxClusterObjects caps the objects read, maxFileBytes the size of any one response. */
  readonly limits?: Partial<InputLimits>;
  /**
   * Read namespaced kinds in these namespaces only (exact names), with one list per namespace:
   * less to transfer, and credentials bound to those namespaces alone suffice.
   */
  readonly namespaces?: readonly string[];
}

export const DEFAULT_PAGE_SIZE = 500;
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Lists in flight at once: enough to hide latency, few enough not to look like a flood. */
const PARALLEL_LISTS = 4;

export async function loadCluster(target: ClusterTarget): Promise<LoadResult> {
  const resolved = await resolveKubeconfig(
    target.kubeconfig === undefined ? target : { ...target, kubeconfig: resolvePath(target.cwd ?? process.cwd(), target.kubeconfig) },
  );
  if (!resolved.ok) return { resources: [], problems: [resolved.problem], inputs: [] };
  const file = clusterInputName(resolved.context);
  const limits = { ...DEFAULT_LIMITS, ...target.limits };
  const client = createApiClient(resolved.config, resolved.server, {
    timeoutMs: target.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: limits.maxFileBytes,
  }, resolved.credentials);

  const discovery = await discover(client, file);
  if (!discovery.ok) {
    const { response } = discovery;
    const what = response.kind === 'status' && response.code === 401 ? 'rejected the credentials of' : 'could not be read for';
    const message = `The API server at ${resolved.server} ${what} context "${resolved.context}": GET ${discovery.path}: ${describeFailure(response)}`;
    return { resources: [], problems: [problem('cluster-unreachable', message, { file })], inputs: [] };
  }

  const options = { pageSize: Math.max(1, Math.floor(target.pageSize ?? DEFAULT_PAGE_SIZE)), budget: { remaining: limits.maxClusterObjects } };
  const units = listUnits(discovery.resources, target.namespaces);
  const outcomes = await mapLimited(units, PARALLEL_LISTS, (unit) => listKind(client, unit, options, resolved.namespace));
  return { ...assemble(units, outcomes, file, limits.maxClusterObjects, [...discovery.problems]), inputs: [file] };
}

/** One list request: a kind across all namespaces, or in one. */
interface ListUnit {
  readonly served: ServedResource;
  readonly namespace?: string;
}

/** Kind by kind (so output order stays the kinds' order), each namespaced kind once per chosen namespace. */
function listUnits(served: readonly ServedResource[], namespaces: readonly string[] | undefined): ListUnit[] {
  const chosen = namespaces === undefined || namespaces.length === 0 ? undefined : [...new Set(namespaces)].sort();
  return served.flatMap((resource) => (chosen === undefined || !resource.namespaced ? [{ served: resource }] : chosen.map((namespace) => ({ served: resource, namespace }))));
}

/** A list across all namespaces; the context's namespace alone when only it is allowed. */
interface KindOutcome {
  readonly outcome: ListOutcome;
  /** Set when the cluster-wide list was refused and this namespace was read instead. */
  readonly fallback?: { readonly namespace: string; readonly refusal: Exclude<ListOutcome, { ok: true }>['response'] };
}

async function listKind(client: ApiClient, { served, namespace: chosen }: ListUnit, options: ListOptions, namespace: string | undefined): Promise<KindOutcome> {
  if (chosen !== undefined) return { outcome: await listAll(client, served, options, chosen) };
  const outcome = await listAll(client, served, options);
  // Credentials scoped to one namespace (a RoleBinding, not a ClusterRoleBinding) cannot list
  // across namespaces but can list their own, as kubectl does with the context's namespace.
  if (outcome.ok || outcome.response.kind !== 'status' || outcome.response.code !== 403 || !served.namespaced || namespace === undefined) return { outcome };
  return { outcome: await listAll(client, served, options, namespace), fallback: { namespace, refusal: outcome.response } };
}

/** Resources in CLUSTER_KINDS order, whatever order the lists finished in, so output is stable. */
function assemble(
  units: readonly ListUnit[],
  outcomes: readonly KindOutcome[],
  file: string,
  maxObjects: number,
  problems: Problem[],
): Omit<LoadResult, 'inputs'> {
  const resources: Resource[] = [];
  for (const [i, { served: resource, namespace }] of units.entries()) {
    const result = outcomes[i];
    if (result === undefined) continue;
    const failure = listProblem(resource, namespace, result, file);
    if (failure !== undefined) problems.push(failure);
    const { outcome } = result;
    if (!outcome.ok) continue;
    let unnamed = 0;
    let full = outcome.truncated;
    for (const item of outcome.items) {
      if (resources.length >= maxObjects) {
        full = true;
        break;
      }
      const converted = toResource(item, resource, file, resources.length);
      if (converted === undefined) unnamed += 1;
      else resources.push(converted);
    }
    if (unnamed > 0) {
      problems.push(problem('missing-field', `${unnamed} ${resource.kind} item(s) from the server had no metadata.name and were skipped.`, { file }));
    }
    if (full) {
      // The budget is spent: later kinds are not read either, and one report says so.
      problems.push(problem('input-too-large', `Stopped reading at ${maxObjects} objects while listing ${resource.kind}; it and later kinds were not fully scanned.`, { file }, 'Raise limits.maxClusterObjects in .palisade.yaml.'));
      break;
    }
  }
  return { resources, problems };
}

/** What went wrong listing one kind, if anything did. */
function listProblem(resource: ServedResource, namespace: string | undefined, { outcome, fallback }: KindOutcome, file: string): Problem | undefined {
  if (fallback !== undefined) {
    const refused = `GET ${listPath(resource)}: ${describeFailure(fallback.refusal)}`;
    const message = outcome.ok
      ? `${resource.kind} was read in namespace "${fallback.namespace}" only; the list across all namespaces was refused (${refused})`
      : `Cannot list ${resource.kind} in all namespaces (${refused}) nor in namespace "${fallback.namespace}" (${describeFailure(outcome.response)})`;
    return problem('cluster-list-failed', message, { file });
  }
  if (outcome.ok) return undefined;
  const where = namespace === undefined ? '' : ` in namespace "${namespace}"`;
  return problem('cluster-list-failed', `Cannot list ${resource.kind}${where} (GET ${listPath(resource, namespace)}): ${describeFailure(outcome.response)}`, { file });
}

async function mapLimited<T, R>(items: readonly T[], parallel: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

