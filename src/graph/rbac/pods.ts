/**
 * The blast radius of each pod: the ServiceAccount it runs as, whether its token is mounted, what
 * that ServiceAccount may do, and which escalation targets it reaches.
 */
import type { RbacIndex } from './authorizer.js';
import { findPaths, type EscalationPath } from './escalation/paths.js';
import type { EscalationGraph } from './escalation/types.js';
import type { Inventory } from './inventory.js';
import { effectivePermissions, type ScopePermissions } from './permissions.js';
import { serviceAccountUser, userInfoOf } from './subjects.js';

export interface PodBlastRadius {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly serviceAccount: string;
  readonly automountToken: boolean;
  readonly permissions: readonly ScopePermissions[];
  /** Distinct kinds of escalation steps the ServiceAccount can take itself. */
  readonly capabilities: readonly string[];
  /** Shortest chains from the ServiceAccount to cluster-admin, secrets and nodes. */
  readonly paths: readonly EscalationPath[];
}

export function podBlastRadius(index: RbacIndex, inventory: Inventory, graph: EscalationGraph): PodBlastRadius[] {
  const bySource = new Map<string, Set<string>>();
  for (const edge of graph.edges) {
    const set = bySource.get(edge.from) ?? new Set<string>();
    set.add(edge.kind);
    bySource.set(edge.from, set);
  }
  const cache = new Map<string, { permissions: ScopePermissions[]; paths: EscalationPath[] }>();
  return inventory.pods.map((pod) => {
    const user = serviceAccountUser(pod.namespace, pod.serviceAccount);
    let entry = cache.get(user);
    if (entry === undefined) {
      entry = {
        permissions: effectivePermissions(index, userInfoOf({ kind: 'ServiceAccount', namespace: pod.namespace, name: pod.serviceAccount })),
        paths: findPaths(graph, { from: user }),
      };
      cache.set(user, entry);
    }
    return {
      kind: pod.resource.kind,
      namespace: pod.namespace,
      name: pod.resource.name,
      serviceAccount: pod.serviceAccount,
      automountToken: pod.automountToken,
      permissions: entry.permissions,
      capabilities: [...(bySource.get(user) ?? [])].sort(),
      paths: entry.paths,
    };
  });
}
